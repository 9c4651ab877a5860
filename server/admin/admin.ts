/**
 * The Socket.IO Admin UI: off unless given credentials, read-only, and in "production" mode (counts
 * and aggregates only, no per-socket event stream). Its web app is served by this server at /admin/,
 * so its connections come from our own origin and no third-party site is ever admitted.
 */
import { createRequire } from 'node:module'
import type * as AdminUiPackage from '@socket.io/admin-ui'
import type { Logger } from 'pino'
import type { Socket } from 'socket.io'
import type { NoomServer } from '../context.js'
import type { StaticHandler } from '../http/static.js'
import type { AdminOptions } from '../options.js'
import { clientAddress, type ProxyTrust } from '../security/client-address.js'
import { bcryptHashProblem } from '../settings/values.js'
import { ADMIN_UI_PATH, adminPageHandler } from './admin-page.js'

// Required in enableAdmin, not imported at the top: a server without admin credentials never loads
// the package (see bench/README.md "Server memory").
const require = createRequire(import.meta.url)

/** The Socket.IO namespace the UI connects to. */
export const ADMIN_NAMESPACE = '/admin'

/** Password attempts allowed per client address and window: each costs a bcrypt comparison. */
const MAX_ATTEMPTS = 10
const ATTEMPT_WINDOW_MS = 60_000
const MAX_PASSWORD_CHARS = 1_024

export interface AdminUi {
  /** Serves its web app at /admin/; null when the package ships none. */
  readonly page: StaticHandler | null
  /** Stops the package's stats timer (the server's close calls it). */
  close(): void
}

/** Instruments `io` for the Admin UI. Throws a RangeError for unusable credentials. */
export function enableAdmin(
  io: NoomServer,
  admin: AdminOptions,
  options: { trust: ProxyTrust; log: Logger },
): AdminUi {
  if (admin.username.length === 0) throw new RangeError('admin.username must not be empty')
  const problem = bcryptHashProblem(admin.passwordHash)
  if (problem) throw new RangeError(`admin.passwordHash ${problem}`)
  const { instrument } = require('@socket.io/admin-ui') as typeof AdminUiPackage
  // Ours runs first: instrument() adds its own authentication middleware after it.
  io.of(ADMIN_NAMESPACE).use(adminGuard(options))
  const timers = intervalsStartedBy(() =>
    instrument(io, {
      namespaceName: ADMIN_NAMESPACE,
      auth: { type: 'basic', username: admin.username, password: admin.passwordHash },
      readonly: true,
      mode: 'production',
    }),
  )
  const page = adminPageHandler()
  options.log.info({ namespace: ADMIN_NAMESPACE, ui: page && `${ADMIN_UI_PATH}/` }, 'admin UI on')
  return {
    page,
    close: () => {
      for (const timer of timers.splice(0)) clearInterval(timer)
    },
  }
}

/**
 * The intervals `start` sets, synchronously. instrument() starts a stats interval (every 2 s) that it
 * neither returns nor stops (it only unrefs it), so a closed server would keep computing stats for
 * nobody: catching the handle is the one way to clear it (socketio/socket.io-admin-ui#63 asks for an
 * "uninstrument").
 */
function intervalsStartedBy(start: () => void): NodeJS.Timeout[] {
  const started: NodeJS.Timeout[] = []
  const original = globalThis.setInterval
  // Object.assign rather than an assignment: the e2e tsconfig also has the DOM's setInterval in view.
  Object.assign(globalThis, {
    setInterval: (handler: () => void, ms?: number) => {
      const timer = original(handler, ms)
      started.push(timer)
      return timer
    },
  })
  try {
    start()
  } finally {
    globalThis.setInterval = original
  }
  return started
}

/**
 * Refuses, before any password is checked: pages of other origins (the UI we serve is same-origin;
 * scripts send no Origin), credentials of the wrong type (the UI's own check rejects its promise on a
 * non-string password, which would end the process), and an address that keeps guessing.
 */
function adminGuard(options: { trust: ProxyTrust; log: Logger }) {
  const attempts = new Map<string, { count: number; since: number }>()
  const refuse = (next: (err?: Error) => void, reason: string, address: string) => {
    options.log.warn({ address, reason }, 'admin connection refused')
    next(new Error(reason === 'origin_not_allowed' ? reason : 'invalid credentials'))
  }
  return (socket: Socket, next: (err?: Error) => void): void => {
    const { headers, address: remote } = socket.handshake
    const auth = socket.handshake.auth as Record<string, unknown>
    const address = clientAddress(headers, remote, options.trust)
    if (!isSameOrigin(headers.origin, headers.host)) {
      return refuse(next, 'origin_not_allowed', address)
    }
    const { username, password } = auth
    if (username === undefined) return next() // a session id, checked by the UI's middleware
    if (typeof username !== 'string' || typeof password !== 'string') {
      return refuse(next, 'malformed credentials', address)
    }
    if (password.length > MAX_PASSWORD_CHARS) return refuse(next, 'password too long', address)
    if (!takeAttempt(attempts, address, Date.now()))
      return refuse(next, 'too many attempts', address)
    next()
  }
}

function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host
  } catch {
    return false
  }
}

function takeAttempt(
  attempts: Map<string, { count: number; since: number }>,
  address: string,
  now: number,
): boolean {
  // Forget finished windows now and then, so the map cannot grow with every address ever seen.
  if (attempts.size > 10_000) {
    for (const [key, entry] of attempts) {
      if (now - entry.since >= ATTEMPT_WINDOW_MS) attempts.delete(key)
    }
  }
  const entry = attempts.get(address)
  if (!entry || now - entry.since >= ATTEMPT_WINDOW_MS) {
    attempts.set(address, { count: 1, since: now })
    return true
  }
  entry.count += 1
  return entry.count <= MAX_ATTEMPTS
}
