/**
 * createRendezvousServer: one HTTP server carrying Socket.IO (protocol v1), /healthz, /readyz,
 * /metrics, the built renderer and, when configured, the Admin UI. Tests start it on port 0 and
 * close it; the CLI wraps it with flags and signals.
 */
import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino, type Logger } from 'pino'
import { Server } from 'socket.io'
import { LIMITS } from '../protocol/index.js'
import { enableAdmin, type AdminUi } from './admin/admin.js'
import { registerChatHandlers } from './chat/handlers.js'
import type { NoomServer, ServerContext, TallyEvents } from './context.js'
import { createCluster } from './hosts/cluster.js'
import { registerHostHandlers } from './hosts/handlers.js'
import { Knocks } from './hosts/knocks.js'
import { Moderation } from './hosts/moderation.js'
import { Readiness } from './http/readiness.js'
import { createRouter, type Router } from './http/router.js'
import { createStaticHandler } from './http/static.js'
import { ServerMetrics } from './metrics/metrics.js'
import { observeServer } from './metrics/observe.js'
import { registerMemberHandlers } from './members/handlers.js'
import { resolveOptions, type RendezvousOptions, type ResolvedOptions } from './options.js'
import { registerRoomHandlers } from './rooms/handlers.js'
import { Seats } from './rooms/seats.js'
import { RoomListPublisher } from './roomlist/publisher.js'
import { registerRoomListHandlers } from './roomlist/handlers.js'
import { requireKeyFor } from './security/access-key.js'
import { AddressLimiter } from './security/address-limits.js'
import { proxyTrust } from './security/client-address.js'
import { connectionGuard } from './security/connection-guard.js'
import { HashSlots } from './security/hash-slots.js'
import { hostCheck, type HostCheck } from './security/host-check.js'
import { SocketRateLimits } from './security/rate-limit.js'
import { ResumeTokens } from './security/resume-token.js'
import { registerSignalHandlers } from './signal/handlers.js'
import { registerSfuHandlers } from './sfu/handlers.js'
import { createRoomState } from './state/index.js'

export interface RendezvousServer {
  readonly io: NoomServer
  readonly log: Logger
  /** Starts listening; resolves with the bound address (`url` uses 127.0.0.1 for a wildcard host). */
  listen(): Promise<{ host: string; port: number; url: string }>
  /** Tells every member the server is going away, then closes as `close` does. */
  shutdown(message?: string): Promise<void>
  /** Stops accepting, disconnects everyone and frees every timer. Safe to call twice. */
  close(): Promise<void>
  /** Numbers for health checks and benchmarks. */
  stats(): { sockets: number; rooms: number; members: number }
}

/** Time given to a shutdown notice to reach clients before their connections close. */
const NOTICE_FLUSH_MS = 300

/** What one server runs, built once from its options. */
interface Services {
  readonly ctx: ServerContext
  readonly seats: Seats
  readonly knocks: Knocks
  readonly moderation: Moderation
  readonly publisher: RoomListPublisher
  readonly metrics: ServerMetrics | null
  /** Checks /readyz runs; add one with `readiness.add(name, check)`. */
  readonly readiness: Readiness
  readonly admin: AdminUi | null
  readonly stats: RendezvousServer['stats']
}

export function createRendezvousServer(options: RendezvousOptions = {}): RendezvousServer {
  const resolved = resolveOptions(options)
  const log = options.logger ?? pino({ name: 'noom-server', level: resolved.logLevel })
  logStartup(resolved, log)
  const hostAllowed = hostCheck({
    allowedHosts: [...resolved.allowedHosts, ...listenName(resolved.host)],
    publicUrl: resolved.publicUrl,
  })
  const { http, use } = createHttpServer(log, hostAllowed)
  const io = createSocketServer(http)
  const services = createServices(io, resolved, log)
  let draining = false
  use(
    requireKeyFor(
      routerFor(services, resolved, () => draining),
      resolved.accessKey,
    ),
  )
  acceptConnections(io, services, hostAllowed)

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    draining = true
    closing ??= closeServices(io, services)
    return closing
  }
  return {
    io,
    log,
    listen: () => listen(http, resolved, log),
    shutdown: async (message = 'The server is restarting. You will be reconnected.') => {
      draining = true
      // Accept no new connections while the notice goes out.
      http.close()
      // This node's connections only: with Redis, io.emit would reach every node's.
      io.local.emit('server:notice', { kind: 'shutdown', message })
      await new Promise((r) => setTimeout(r, NOTICE_FLUSH_MS))
      await close()
    },
    close,
    stats: services.stats,
  }
}

function logStartup(resolved: ResolvedOptions, log: Logger): void {
  if (!resolved.secret) {
    log.info('no --secret given: members can resume only while this process runs')
  }
  if (resolved.turn) {
    // The URLs and lifetime only: the shared secret never goes to a log.
    const { urls, ttlSeconds } = resolved.turn
    log.info({ turnUrls: urls, turnTtlSeconds: ttlSeconds }, 'handing out TURN credentials')
  }
}

/** The interface the server listens on, when it names one: it is served too. */
const listenName = (host: string) => (host === '0.0.0.0' || host === '::' ? [] : [host])

/**
 * The HTTP server; `use` gives it its router, which exists once Socket.IO and the services do.
 * A request naming a host this server does not serve gets 421 (Socket.IO's own requests pass by
 * here; their connections are refused by connectionGuard).
 */
function createHttpServer(
  log: Logger,
  hostAllowed: HostCheck,
): { http: HttpServer; use: (router: Router) => void } {
  // Requests arrive only once listening, by when the real router is in place.
  let router: Router = () => Promise.reject(new Error('no router yet'))
  const http = createServer((req, res) => {
    if (!hostAllowed(req.headers.host)) {
      log.warn({ host: req.headers.host, code: 'host_not_allowed' }, 'refused')
      res.writeHead(421, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'host_not_allowed' }))
      return
    }
    void router(req, res).catch((err: unknown) => {
      log.error({ err }, 'http request failed')
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  return { http, use: (given) => (router = given) }
}

function createSocketServer(http: HttpServer): NoomServer {
  return new Server(http, {
    maxHttpBufferSize: LIMITS.maxPayloadBytes,
    connectTimeout: 10_000,
    serveClient: false,
    // Notice a dead connection within ~20 s rather than Socket.IO's 45 s, so its grace starts early.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // Origins are checked by connectionGuard for every transport; CORS only matters for polling.
    cors: { origin: true, credentials: false },
  })
}

function createServices(io: NoomServer, resolved: ResolvedOptions, log: Logger): Services {
  // In memory, or in Redis shared with other nodes (then with Socket.IO's Redis adapter).
  const { state, shared, redis } = createRoomState(io, resolved, log)
  const publisher = new RoomListPublisher(io, state, log, shared)
  const ctx: ServerContext = {
    io,
    state,
    options: resolved,
    log,
    tokens: new ResumeTokens(resolved.secret ?? randomBytes(32).toString('base64url')),
    limits: new AddressLimiter(resolved.addressLimits, redis, log),
    hashes: new HashSlots(resolved.addressLimits.hashesAtOnce),
    roomsChanged: () => publisher.changed(),
    cluster: createCluster(io, shared),
    tally: new EventEmitter<TallyEvents>(),
  }
  const knocks = new Knocks(ctx, resolved.knockTimeoutMs)
  const seats = new Seats(ctx, knocks)
  const moderation = new Moderation(ctx, seats)
  const stats = () => ({ sockets: io.of('/').sockets.size, ...state.stats() })
  const metrics = resolved.metrics && new ServerMetrics(stats, resolved.metrics)
  if (metrics) observeServer(io, ctx.tally, metrics)
  const readiness = new Readiness()
  if (shared) readiness.add('redis', () => state.ready())
  const admin =
    resolved.admin &&
    enableAdmin(io, resolved.admin, { trust: proxyTrust(resolved.trustedProxies), log })
  return { ctx, seats, knocks, moderation, publisher, metrics, readiness, admin, stats }
}

function routerFor(services: Services, resolved: ResolvedOptions, draining: () => boolean) {
  const { metrics, readiness, admin } = services
  const token = resolved.metrics?.token
  const dir = resolved.staticDir
  const renderer = dir && existsSync(dir) ? createStaticHandler(dir) : null
  return createRouter({
    draining,
    readiness,
    metrics: metrics && { render: () => metrics.render(), token },
    statics: [admin?.page ?? null, renderer].filter((handler) => handler !== null),
  })
}

/** Refuses what connectionGuard refuses; gives every accepted socket its handlers. */
function acceptConnections(io: NoomServer, services: Services, hostAllowed: HostCheck): void {
  const { ctx, seats, moderation, publisher, metrics } = services
  const guard = {
    ...ctx.options,
    trust: proxyTrust(ctx.options.trustedProxies),
    limits: ctx.limits,
  }
  io.use(
    connectionGuard(guard, hostAllowed, (code, details) => {
      metrics?.rejected('connect', code)
      ctx.log.warn({ code, ...details }, 'refused')
    }),
  )
  const perSocket = new SocketRateLimits(ctx.options.rateLimits)
  io.on('connection', (socket) => {
    socket.data.limiter = perSocket.for(socket.id)
    socket.once('disconnect', () => perSocket.forget(socket.id))
    socket.data.memberId = null
    socket.data.room = null
    socket.data.seat = null
    socket.data.queue = Promise.resolve()
    registerRoomHandlers(ctx, seats, socket)
    registerChatHandlers(ctx, seats, socket)
    registerSignalHandlers(ctx, seats, socket)
    registerMemberHandlers(ctx, seats, socket)
    registerHostHandlers(ctx, seats, moderation, socket)
    registerRoomListHandlers(ctx, publisher, socket)
    registerSfuHandlers(ctx, seats, socket)
  })
}

function closeServices(io: NoomServer, { ctx, knocks, publisher, metrics, admin }: Services) {
  return new Promise<void>((resolve) => {
    // Hosts hear that this node's knockers are gone; the writes go out before the state closes.
    void knocks.close()
    publisher.close()
    metrics?.close()
    admin?.close()
    // io.close() closes every connection and the HTTP server with it.
    // The state closes last: with Redis, the seats dropped as connections closed go out first.
    void io.close(() => void ctx.state.close().finally(resolve))
  })
}

function listen(http: HttpServer, resolved: ResolvedOptions, log: Logger) {
  return new Promise<{ host: string; port: number; url: string }>((resolve, reject) => {
    http.once('error', reject)
    http.listen(resolved.port, resolved.host, () => {
      http.off('error', reject)
      const { port } = http.address() as AddressInfo
      const host = resolved.host
      const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
      const url = `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}`
      log.info({ host, port }, 'listening')
      resolve({ host, port, url })
    })
  })
}
