/**
 * Every setting of the server, in one table: its flag, env var and config-file key (its key here),
 * how its text is parsed and checked, its default and its line of --help. The command line
 * (cli-options.ts, reading flags, env vars and the config file through settings/), --help
 * (settings/help.ts) and createRendezvousServer's defaults (resolveOptions in options.ts) all read
 * it: a new setting is one row here, then its use.
 */
import type { z } from 'zod'
import { ADDRESS_LIMITS, LIMITS } from '../protocol/index.js'
import {
  bcryptHash,
  flag,
  httpUrl,
  integer,
  list,
  LOG_LEVELS,
  logLevel,
  redisUrl,
  secretText,
  sfuUrls,
  stunUrls,
  text,
  trustedProxies,
  turnUrls,
  userName,
} from './settings/values.js'
import { setting, type Setting } from './settings/row.js'

const HOUR_SECONDS = 60 * 60

/** Where noom-server finds the built renderer, from the package's root. */
export const RENDERER_DIR = 'out/renderer'

export const SETTINGS = {
  port: setting(integer(0, 65_535), {
    flag: 'port',
    env: 'NOOM_PORT',
    envAliases: ['PORT'],
    placeholder: 'N',
    help: 'port to listen on (0: any free)',
    default: 3000,
  }),
  host: setting(text, {
    flag: 'host',
    env: 'NOOM_HOST',
    placeholder: 'ADDR',
    help: 'interface to listen on',
    default: '0.0.0.0',
    libraryDefault: '127.0.0.1',
  }),
  allowedOrigins: setting(list, {
    flag: 'allowed-origins',
    env: 'NOOM_ALLOWED_ORIGINS',
    placeholder: 'LIST',
    help: "extra browser origins, comma-separated ('*' for any)",
    default: [],
  }),
  allowedHosts: setting(list, {
    flag: 'allowed-hosts',
    env: 'NOOM_ALLOWED_HOSTS',
    placeholder: 'LIST',
    help: "host names served besides loopback and this machine's addresses, comma-separated ('*' for any)",
    default: [],
  }),
  publicUrl: setting(httpUrl, {
    flag: 'public-url',
    env: 'NOOM_PUBLIC_URL',
    placeholder: 'URL',
    help: 'the https:// URL members reach this server at (its host is served)',
  }),
  capacity: setting(integer(2, LIMITS.sfuCapacityMax), {
    flag: 'capacity',
    env: 'NOOM_CAPACITY',
    placeholder: 'N',
    help: `members per room, 2-${LIMITS.maxCapacity}, or up to ${LIMITS.sfuCapacityMax} with --sfu-url`,
    default: LIMITS.defaultCapacity,
  }),
  logLevel: setting(logLevel, {
    flag: 'log-level',
    env: 'NOOM_LOG_LEVEL',
    placeholder: 'LEVEL',
    help: LOG_LEVELS.join('|'),
    // A literal type, or the row would not type-check as one of the levels.
    default: 'info' as const,
  }),
  resumeGraceMs: setting(integer(0, 10 * 60_000), {
    flag: 'resume-grace-ms',
    env: 'NOOM_RESUME_GRACE_MS',
    placeholder: 'MS',
    help: 'how long a dropped member keeps its seat',
    default: LIMITS.resumeGraceMs,
  }),
  secret: setting(secretText, {
    flag: 'secret',
    env: 'NOOM_SECRET',
    placeholder: 'TEXT',
    help: 'seals resume tokens (16+ chars); the same across restarts lets calls resume',
    shown: 'random per process',
    secret: true,
  }),
  secretFile: setting(text, {
    flag: 'secret-file',
    env: 'NOOM_SECRET_FILE',
    placeholder: 'PATH',
    help: 'file holding --secret, read at start (keeps it off the command line)',
  }),
  staticDir: setting(text, {
    flag: 'static-dir',
    env: 'NOOM_STATIC_DIR',
    placeholder: 'DIR',
    help: 'built renderer to serve at / (in a config file: relative to the file)',
    // createRendezvousServer serves no files unless given a folder; noom-server gives its own.
    shown: RENDERER_DIR,
  }),
  stunUrls: setting(stunUrls, {
    flag: 'stun-urls',
    env: 'NOOM_STUN_URLS',
    placeholder: 'LIST',
    help: 'STUN servers for clients, comma-separated stun: URLs',
    default: [],
  }),
  turnSecret: setting(secretText, {
    flag: 'turn-secret',
    env: 'NOOM_TURN_SECRET',
    placeholder: 'TEXT',
    help: "coturn's static-auth-secret (16+ chars); with --turn-urls, joins get TURN credentials",
    secret: true,
  }),
  turnSecretFile: setting(text, {
    flag: 'turn-secret-file',
    env: 'NOOM_TURN_SECRET_FILE',
    placeholder: 'PATH',
    help: 'file holding --turn-secret, read at start (keeps it off the command line)',
  }),
  turnUrls: setting(turnUrls, {
    flag: 'turn-urls',
    env: 'NOOM_TURN_URLS',
    placeholder: 'LIST',
    help: 'that coturn, comma-separated turn:/turns: URLs (?transport=udp|tcp allowed)',
  }),
  turnTtl: setting(integer(60, 7 * 24 * 60 * 60), {
    flag: 'turn-ttl',
    env: 'NOOM_TURN_TTL',
    placeholder: 'SECONDS',
    help: 'how long issued TURN credentials last (clients fetch fresh ones before they expire)',
    // 1 h: leaked credentials are good for little; a longer call stays on the relay because the
    // client asks for fresh ones (ice:refresh) before these expire and hands them to its connections.
    default: HOUR_SECONDS,
    shown: `${HOUR_SECONDS} (1 h)`,
  }),
  sfuUrl: setting(sfuUrls, {
    flag: 'sfu-url',
    env: 'NOOM_SFU_URL',
    placeholder: 'LIST',
    help: 'Janus WebSocket URLs (ws:// or wss://), comma-separated: rooms past --mesh-max move there',
  }),
  sfuSecret: setting(secretText, {
    flag: 'sfu-secret',
    env: 'NOOM_SFU_SECRET',
    placeholder: 'TEXT',
    help: "Janus's api_secret (16+ chars); needed with --sfu-url",
    secret: true,
  }),
  sfuSecretFile: setting(text, {
    flag: 'sfu-secret-file',
    env: 'NOOM_SFU_SECRET_FILE',
    placeholder: 'PATH',
    help: 'file holding --sfu-secret, read at start (keeps it off the command line)',
  }),
  meshMax: setting(integer(2, LIMITS.maxCapacity), {
    flag: 'mesh-max',
    env: 'NOOM_MESH_MAX',
    placeholder: 'N',
    help: 'members a room has as a mesh; one more moves it to the SFU (with --sfu-url)',
    default: LIMITS.meshMaxDefault,
  }),
  maxConnectionsPerAddress: setting(integer(0, 1_000_000), {
    flag: 'max-connections-per-address',
    env: 'NOOM_MAX_CONNECTIONS_PER_ADDRESS',
    placeholder: 'N',
    help: 'open connections per client address (0: no cap)',
    default: 20,
  }),
  trustedProxies: setting(trustedProxies, {
    flag: 'trusted-proxies',
    env: 'NOOM_TRUSTED_PROXIES',
    placeholder: 'LIST',
    help: 'proxies whose X-Forwarded-For is believed: addresses, CIDRs, loopback, comma-separated',
    default: [],
    shown: 'none',
  }),
  connectionsPerMinute: setting(integer(0, 1_000_000), {
    flag: 'connections-per-minute',
    env: 'NOOM_CONNECTIONS_PER_MINUTE',
    placeholder: 'N',
    help: 'new connections per client address per minute, on every node together (0: no limit)',
    default: ADDRESS_LIMITS.connections.points,
  }),
  joinsPerMinute: setting(integer(0, 1_000_000), {
    flag: 'joins-per-minute',
    env: 'NOOM_JOINS_PER_MINUTE',
    placeholder: 'N',
    help: 'room joins (not resumes) per client address per minute, on every node together (0: no limit)',
    default: ADDRESS_LIMITS.joins.points,
  }),
  redisUrl: setting(redisUrl, {
    flag: 'redis-url',
    env: 'NOOM_REDIS_URL',
    placeholder: 'URL',
    help: 'redis:// URL: several servers share rooms through it (needs the same --secret)',
    // A Redis URL may carry a password.
    secret: true,
  }),
  metrics: setting(flag, {
    flag: 'metrics',
    env: 'NOOM_METRICS',
    placeholder: 'true|false',
    help: 'serve Prometheus metrics at /metrics',
    default: true,
  }),
  metricsToken: setting(secretText, {
    flag: 'metrics-token',
    env: 'NOOM_METRICS_TOKEN',
    placeholder: 'TEXT',
    help: '/metrics then needs "Authorization: Bearer TEXT" (16+ chars)',
    secret: true,
  }),
  metricsTokenFile: setting(text, {
    flag: 'metrics-token-file',
    env: 'NOOM_METRICS_TOKEN_FILE',
    placeholder: 'PATH',
    help: 'file holding --metrics-token, read at start (keeps it off the command line)',
  }),
  adminUser: setting(userName, {
    flag: 'admin-user',
    env: 'NOOM_ADMIN_USER',
    placeholder: 'NAME',
    help: 'turns on the read-only Socket.IO Admin UI at /admin/; needs --admin-password-hash',
  }),
  adminPasswordHash: setting(bcryptHash, {
    flag: 'admin-password-hash',
    env: 'NOOM_ADMIN_PASSWORD_HASH',
    placeholder: 'HASH',
    help: "bcrypt hash of the admin's password (make one with hash-password)",
    secret: true,
  }),
}

type Table = typeof SETTINGS
export type SettingKey = keyof Table
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]

/** The settings that have a default. */
type Defaulted = {
  [K in SettingKey]: Table[K] extends { default: unknown } ? K : never
}[SettingKey]

/** Every setting's value once read: undefined only where none was given and none is the default. */
export type SettingValues = {
  [K in SettingKey]: z.output<Table[K]['parse']> | (K extends Defaulted ? never : undefined)
}

/** A setting's row, whatever its type. */
export const settingOf = (key: SettingKey): Setting<unknown> => SETTINGS[key]

/** Every default, as fresh values (a caller may change the lists it gets). */
export function settingDefaults(): Pick<SettingValues, Defaulted> {
  const entries = SETTING_KEYS.flatMap((key) => {
    const row = settingOf(key)
    return 'default' in row ? [[key, structuredClone(row.default)] as const] : []
  })
  return Object.fromEntries(entries) as Pick<SettingValues, Defaulted>
}
