/**
 * createRendezvousServer: one HTTP server carrying Socket.IO (protocol v1), /healthz, /readyz,
 * /metrics, the built renderer and, when configured, the Admin UI. Tests start it on port 0 and
 * close it; the CLI wraps it with flags and signals.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino, type Logger } from 'pino'
import { Server } from 'socket.io'
import { LIMITS } from '../protocol/index.js'
import { enableAdmin } from './admin/admin.js'
import { registerChatHandlers } from './chat/handlers.js'
import type { NoomServer, ServerContext } from './context.js'
import { Readiness } from './http/readiness.js'
import { createRouter, type Router } from './http/router.js'
import { createStaticHandler, type StaticHandler } from './http/static.js'
import { ServerMetrics } from './metrics/metrics.js'
import { observeServer } from './metrics/observe.js'
import { registerMemberHandlers } from './members/handlers.js'
import { resolveOptions, type RendezvousOptions } from './options.js'
import { registerRoomHandlers } from './rooms/handlers.js'
import { Seats } from './rooms/seats.js'
import { RoomListPublisher } from './roomlist/publisher.js'
import { registerRoomListHandlers } from './roomlist/handlers.js'
import { connectionGuard } from './security/connection-guard.js'
import { RateLimiter } from './security/rate-limit.js'
import { ResumeTokens } from './security/resume-token.js'
import { registerSignalHandlers } from './signal/handlers.js'
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

export function createRendezvousServer(options: RendezvousOptions = {}): RendezvousServer {
  const resolved = resolveOptions(options)
  const log = options.logger ?? pino({ name: 'noom-server', level: options.logLevel ?? 'info' })
  if (!resolved.secret) {
    log.info('no --secret given: members can resume only while this process runs')
  }
  if (resolved.turn) {
    // The URLs and lifetime only: the shared secret never goes to a log.
    const { urls, ttlSeconds } = resolved.turn
    log.info({ turnUrls: urls, turnTtlSeconds: ttlSeconds }, 'handing out TURN credentials')
  }
  const staticHandler: StaticHandler | null =
    resolved.staticDir && existsSync(resolved.staticDir)
      ? createStaticHandler(resolved.staticDir)
      : null
  let draining = false

  const http = createServer((req, res) => {
    void route(req, res).catch((err: unknown) => {
      log.error({ err }, 'http request failed')
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  // Requests arrive only once listening, by when `router` (made below, after Socket.IO) exists.
  function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return router(req, res)
  }

  const io: NoomServer = new Server(http, {
    maxHttpBufferSize: LIMITS.maxPayloadBytes,
    connectTimeout: 10_000,
    serveClient: false,
    // Notice a dead connection within ~20 s rather than Socket.IO's 45 s, so its grace starts early.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // Origins are checked by connectionGuard for every transport; CORS only matters for polling.
    cors: { origin: true, credentials: false },
  })
  // In memory, or in Redis shared with other nodes (then with Socket.IO's Redis adapter).
  const { state, shared } = createRoomState(io, resolved, log)
  const publisher = new RoomListPublisher(io, state, log, shared)
  const ctx: ServerContext = {
    io,
    state,
    options: resolved,
    log,
    tokens: new ResumeTokens(resolved.secret ?? randomBytes(32).toString('base64url')),
    roomsChanged: () => publisher.changed(),
  }
  const seats = new Seats(ctx)
  const stats = () => ({
    sockets: io.of('/').sockets.size,
    ...state.stats(),
  })
  const metricsOptions = options.metrics === false ? null : (options.metrics ?? {})
  const metrics = metricsOptions && new ServerMetrics(stats, metricsOptions)
  if (metrics) observeServer(io, metrics)
  /** Checks /readyz runs; add one with `readiness.add(name, check)`. */
  const readiness = new Readiness()
  if (shared) readiness.add('redis', () => state.ready())
  const adminUi = options.admin
    ? enableAdmin(io, options.admin, { trustProxy: resolved.trustProxy, log })
    : null
  const router: Router = createRouter({
    draining: () => draining,
    readiness,
    metrics: metrics && { render: () => metrics.render(), token: metricsOptions?.token },
    statics: [adminUi, staticHandler].filter((handler) => handler !== null),
  })

  io.use(
    connectionGuard(resolved, (code, details) => {
      metrics?.rejected('connect', code)
      log.warn({ code, ...details }, 'refused')
    }),
  )
  io.on('connection', (socket) => {
    socket.data.limiter = new RateLimiter(resolved.rateLimits)
    socket.data.memberId = null
    socket.data.room = null
    socket.data.seat = null
    socket.data.queue = Promise.resolve()
    registerRoomHandlers(ctx, seats, socket)
    registerChatHandlers(ctx, seats, socket)
    registerSignalHandlers(ctx, seats, socket)
    registerMemberHandlers(ctx, seats, socket)
    registerRoomListHandlers(ctx, publisher, socket)
  })

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      draining = true
      publisher.close()
      metrics?.close()
      // io.close() closes every connection and the HTTP server with it.
      // The state closes last: with Redis, the seats dropped as connections closed go out first.
      void io.close(() => void state.close().finally(resolve))
    })
    return closing
  }

  return {
    io,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
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
      }),
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
    stats,
  }
}
