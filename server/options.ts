/**
 * Options of createRendezvousServer and the plain shapes of its features' options, with their
 * defaults from the settings table. The root of the server's imports: it imports no feature module
 * (features import their option shapes from here). The CLI maps flags and env vars onto these.
 */
import type { Logger } from 'pino'
import {
  ADDRESS_LIMITS,
  LIMITS,
  RATE_LIMITS,
  type AddressLimits,
  type IceServer,
  type RateFamily,
} from '../protocol/index.js'
import proxyAddr from 'proxy-addr'
import { SETTINGS, settingDefaults } from './settings-table.js'
import { isTurnUrl, REDIS_URL } from './settings/values.js'
import { resolveCapacity, resolveSfu, type SfuConfig, type SfuOptions } from './sfu-options.js'

export type { SfuConfig, SfuOptions } from './sfu-options.js'

/** The shortest access key accepted (security/access-key.ts says why it is needed). */
export const ACCESS_KEY_MIN = 16

/** Credentials of the one admin account of the Admin UI. */
export interface AdminOptions {
  username: string
  /** A bcrypt hash (cost 10 or more) of the password; see `hash-password`. */
  passwordHash: string
}

/** How the server exposes /metrics. */
export interface MetricsOptions {
  /** When set, /metrics answers only requests with `Authorization: Bearer <token>`. */
  token?: string
  /**
   * Also export prom-client's Node process metrics (CPU, memory, GC, handles). Default false: they
   * describe the whole process and keep observers running, so only a process's one server adds them.
   */
  nodeMetrics?: boolean
}

/** Per socket and rate family: `burst` events in a window of burst / perSecond seconds. */
export type RateLimits = Readonly<Record<RateFamily, { burst: number; perSecond: number }>>

/**
 * The `rateLimits` option: per-socket families (left out: RATE_LIMITS), and `perAddress`, the
 * limits per client address (left out: ADDRESS_LIMITS; a window of 0 points turns it off).
 */
export type RateLimitOptions = Partial<RateLimits> & {
  perAddress?: Partial<Omit<AddressLimits, 'passwords'>> & {
    passwords?: Partial<AddressLimits['passwords']>
  }
}

/** What the server needs to mint credentials for a coturn that shares `secret`. */
export interface TurnConfig {
  /** coturn's `static-auth-secret`. */
  secret: string
  /** `turn:` / `turns:` URLs of that coturn, handed to clients as they are. */
  urls: string[]
  /** Lifetime of issued credentials. */
  ttlSeconds: number
}

export interface RendezvousOptions {
  /** Port to listen on; 0 picks a free one. Default 3000. */
  port?: number
  /** Interface to listen on. Default 127.0.0.1 (use 0.0.0.0 to serve a network). */
  host?: string
  /**
   * Extra browser origins allowed to connect ('*' for any). The page the server serves itself, the
   * desktop app, and clients that send no Origin (native apps, scripts) are always allowed.
   */
  allowedOrigins?: string[]
  /**
   * Host names (or addresses) served besides loopback and this machine's own addresses; a request or
   * connection naming another host is refused (against DNS rebinding). '*' turns the check off.
   */
  allowedHosts?: string[]
  /** The URL the server is reached at from outside (behind a proxy); its host is served. */
  publicUrl?: string
  /**
   * When set, only holders of this key are served: Socket.IO connections carry it in `auth.key`,
   * requests for /metrics and /readyz in `X-Noom-Key` (see security/access-key.ts). At least 16
   * characters. The desktop app's built-in server makes one per run; no CLI flag. Default none.
   */
  accessKey?: string
  /**
   * Members per room. Default 8, at most LIMITS.maxCapacity (16), or LIMITS.sfuCapacityMax (50)
   * with `sfu`.
   */
  capacity?: number
  /** How long a dropped member keeps its seat, in ms. Default 15 000. */
  resumeGraceMs?: number
  /**
   * Secret that seals resume tokens. Give the same one across restarts so members can resume after a
   * restart; without it a random one is made per process.
   */
  secret?: string
  /** STUN/TURN servers handed to every member in the join ack. Default none (host candidates only). */
  iceServers?: IceServer[]
  /**
   * A coturn running with `use-auth-secret` and this `secret` as its `static-auth-secret`: every join
   * ack (resumes too) and ice:refresh of a member with someone else in its room then also carries
   * these `urls` with credentials minted for that member, valid for `ttlSeconds` (default 1 h).
   * Default none.
   */
  turn?: { secret: string; urls: string[]; ttlSeconds?: number }
  /**
   * Janus instances (VideoRoom plugin, WebSocket transport) sharing the `api_secret` `secret`: a
   * room that a join takes past `meshMax` members (default LIMITS.meshMaxDefault, 4) moves to one of
   * them, and `capacity` may then be up to LIMITS.sfuCapacityMax. docs/sfu.md has the design; the
   * move itself is not built yet. Default none: every room is a mesh.
   */
  sfu?: SfuOptions
  /** Directory of the built renderer to serve at `/`; skipped when missing. */
  staticDir?: string
  /** Open Socket.IO connections allowed per client address; 0 for no cap. Default 20. */
  maxConnectionsPerAddress?: number
  /**
   * Proxies whose X-Forwarded-For is believed (addresses, CIDRs, `loopback`, `linklocal`,
   * `uniquelocal`): a connection from one of them is counted as the right-most address of its
   * chain that is not a trusted proxy. Default none: the TCP peer is the client.
   */
  trustedProxies?: string[]
  /** Rate limits per socket and per client address. */
  rateLimits?: RateLimitOptions
  /**
   * How long a resume token just used still resumes its seat, in ms: a client whose resume ack was
   * lost retries with it. Default 5 000.
   */
  resumeRetryMs?: number
  /** How long a knock waits for a host, in ms. Default LIMITS.knockTimeoutMs (tests shorten it). */
  knockTimeoutMs?: number
  /**
   * `redis://` or `rediss://` URL: rooms, seats and recent chat live in that Redis and Socket.IO's
   * Redis adapter links the nodes, so several servers behind a load balancer act as one. Needs the
   * same `secret` on every node (members resume on any of them). Default none: all in memory.
   */
  redisUrl?: string
  /** Prometheus metrics at /metrics: on by default; `false` turns the endpoint off (404). */
  metrics?: MetricsOptions | false
  /** Turns on the read-only Socket.IO Admin UI (namespace and web app at /admin). Default off. */
  admin?: AdminOptions
  /** pino level ('fatal' … 'trace', or 'silent'). Default 'info'. Ignored when `logger` is given. */
  logLevel?: string
  logger?: Logger
}

export type ResolvedOptions = Required<
  Omit<
    RendezvousOptions,
    | 'logger'
    | 'secret'
    | 'turn'
    | 'sfu'
    | 'metrics'
    | 'admin'
    | 'redisUrl'
    | 'rateLimits'
    | 'publicUrl'
    | 'accessKey'
  >
> & {
  accessKey: string | undefined
  secret: string | undefined
  publicUrl: string | undefined
  redisUrl: string | null
  turn: TurnConfig | null
  /** null when every room stays a mesh. */
  sfu: SfuConfig | null
  /** null when /metrics is off. */
  metrics: MetricsOptions | null
  admin: AdminOptions | null
  rateLimits: RateLimits
  addressLimits: AddressLimits
}

/** A resume token just used still works this long (a retry after a lost ack). */
export const RESUME_RETRY_MS = 5_000

export function resolveOptions(options: RendezvousOptions): ResolvedOptions {
  const defaults = settingDefaults()
  const capacity = resolveCapacity(options.capacity ?? defaults.capacity, options.sfu !== undefined)
  return {
    port: options.port ?? defaults.port,
    host: options.host ?? SETTINGS.host.libraryDefault,
    allowedOrigins: options.allowedOrigins ?? defaults.allowedOrigins,
    allowedHosts: options.allowedHosts ?? defaults.allowedHosts,
    publicUrl: resolvePublicUrl(options.publicUrl),
    accessKey: resolveAccessKey(options.accessKey),
    capacity,
    resumeGraceMs: options.resumeGraceMs ?? defaults.resumeGraceMs,
    secret: options.secret,
    iceServers: options.iceServers ?? [],
    turn: resolveTurn(options.turn, defaults.turnTtl),
    sfu: resolveSfu(options.sfu, defaults.meshMax),
    staticDir: options.staticDir ?? '',
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? defaults.maxConnectionsPerAddress,
    trustedProxies: resolveTrustedProxies(options.trustedProxies ?? defaults.trustedProxies),
    ...resolveRateLimits(options.rateLimits),
    knockTimeoutMs: options.knockTimeoutMs ?? LIMITS.knockTimeoutMs,
    resumeRetryMs: options.resumeRetryMs ?? RESUME_RETRY_MS,
    redisUrl: resolveRedisUrl(options),
    metrics: resolveMetrics(options.metrics, defaults.metrics),
    admin: options.admin ?? null,
    logLevel: options.logLevel ?? defaults.logLevel,
  }
}

/** The list as given; an entry proxy-addr cannot read is named. */
function resolveTrustedProxies(trusted: string[]): string[] {
  try {
    proxyAddr.compile([...trusted])
  } catch (err) {
    throw new RangeError(`trustedProxies: ${(err as Error).message}`, { cause: err })
  }
  return [...trusted]
}

function resolveRateLimits({ perAddress, ...families }: RateLimitOptions = {}) {
  return { rateLimits: { ...RATE_LIMITS, ...families }, addressLimits: addressLimits(perAddress) }
}

function addressLimits(given: RateLimitOptions['perAddress'] = {}): AddressLimits {
  const passwords = { ...ADDRESS_LIMITS.passwords, ...given.passwords }
  const limits = { ...ADDRESS_LIMITS, ...given, passwords }
  for (const window of ['connections', 'joins', 'knocks'] as const) {
    whole(`${window}.points`, limits[window].points, 0)
    whole(`${window}.seconds`, limits[window].seconds, 1)
  }
  whole('passwords.free', passwords.free, 0)
  whole('passwords.firstWaitSeconds', passwords.firstWaitSeconds, 1)
  whole('passwords.maxWaitSeconds', passwords.maxWaitSeconds, passwords.firstWaitSeconds)
  whole('passwords.forgetSeconds', passwords.forgetSeconds, 1)
  whole('hashesAtOnce', limits.hashesAtOnce, 1)
  return limits
}

/** A per-address limit that is not a whole number of at least `min` stops the server, named. */
function whole(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`rateLimits.perAddress.${name} must be a whole number of at least ${min}`)
  }
}

function resolvePublicUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  if (!/^https?:\/\/./.test(url) || !URL.canParse(url)) {
    throw new RangeError('publicUrl must be an http:// or https:// URL')
  }
  return url
}

/** The error never quotes the key. */
function resolveAccessKey(key: string | undefined): string | undefined {
  if (key !== undefined && key.length < ACCESS_KEY_MIN) {
    throw new RangeError(`accessKey must be at least ${ACCESS_KEY_MIN} characters`)
  }
  return key
}

/** Errors never quote the URL: it may hold a password. */
function resolveRedisUrl({ redisUrl, secret }: RendezvousOptions): string | null {
  if (redisUrl === undefined) return null
  if (!REDIS_URL.test(redisUrl)) throw new RangeError('redisUrl must be a redis:// URL')
  // Without a shared secret each node seals tokens its own way and no seat resumes elsewhere.
  if (secret === undefined) throw new RangeError('redisUrl needs a secret shared by every node')
  return redisUrl
}

/** Checks the TURN settings; errors name a bad URL but never the secret. */
function resolveTurn(turn: RendezvousOptions['turn'], defaultTtl: number): TurnConfig | null {
  if (!turn) return null
  if (turn.secret.length === 0) throw new RangeError('turn.secret must not be empty')
  if (turn.urls.length === 0) throw new RangeError('turn.urls must list at least one URL')
  const bad = turn.urls.find((url) => !isTurnUrl(url))
  if (bad !== undefined) throw new RangeError(`turn.urls: "${bad}" is not a turn: or turns: URL`)
  const ttlSeconds = turn.ttlSeconds ?? defaultTtl
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new RangeError('turn.ttlSeconds must be a positive whole number')
  }
  return { secret: turn.secret, urls: [...turn.urls], ttlSeconds }
}

function resolveMetrics(
  metrics: RendezvousOptions['metrics'],
  onByDefault: boolean,
): MetricsOptions | null {
  if (metrics === false) return null
  return metrics ?? (onByDefault ? {} : null)
}
