/**
 * The Socket.IO Admin UI: off unless given credentials, read-only, and in "production" mode (counts
 * and aggregates only, no per-socket event stream). Its web app is served by this server at /admin/,
 * so its connections come from our own origin and no third-party site is ever admitted.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { instrument } from '@socket.io/admin-ui'
import type { Logger } from 'pino'
import type { Socket } from 'socket.io'
import type { NoomServer } from '../context.js'
import { createStaticHandler, type StaticHandler } from '../http/static.js'
import { clientAddress } from '../security/connection-guard.js'
import { bcryptHashProblem } from './password-hash.js'

/** Credentials of the one admin account. */
export interface AdminOptions {
  username: string
  /** A bcrypt hash (cost 10 or more) of the password; see `hash-password`. */
  passwordHash: string
}

/** The Socket.IO namespace the UI connects to, and the HTTP path its web app is served at. */
export const ADMIN_NAMESPACE = '/admin'
export const ADMIN_UI_PATH = '/admin'

/** Password attempts allowed per client address and window: each costs a bcrypt comparison. */
const MAX_ATTEMPTS = 10
const ATTEMPT_WINDOW_MS = 60_000
const MAX_PASSWORD_CHARS = 1_024

/**
 * Instruments `io` for the Admin UI and returns the handler serving its web app (null when the
 * package ships none). Throws a RangeError for unusable credentials.
 */
export function enableAdmin(
  io: NoomServer,
  admin: AdminOptions,
  options: { trustProxy: boolean; log: Logger },
): StaticHandler | null {
  if (admin.username.length === 0) throw new RangeError('admin.username must not be empty')
  const problem = bcryptHashProblem(admin.passwordHash)
  if (problem) throw new RangeError(`admin.passwordHash ${problem}`)
  // Ours runs first: instrument() adds its own authentication middleware after it.
  io.of(ADMIN_NAMESPACE).use(adminGuard(options))
  instrument(io, {
    namespaceName: ADMIN_NAMESPACE,
    auth: { type: 'basic', username: admin.username, password: admin.passwordHash },
    readonly: true,
    mode: 'production',
  })
  const ui = adminUiDir()
  options.log.info({ namespace: ADMIN_NAMESPACE, ui: ui && `${ADMIN_UI_PATH}/` }, 'admin UI on')
  return ui ? createStaticHandler(ui, { prefix: ADMIN_UI_PATH }) : null
}

/** The package's built web app, if it ships one. */
function adminUiDir(): string | null {
  const pkg = createRequire(import.meta.url).resolve('@socket.io/admin-ui/package.json')
  const dir = join(dirname(pkg), 'ui', 'dist')
  return existsSync(join(dir, 'index.html')) ? dir : null
}

/**
 * Refuses, before any password is checked: pages of other origins (the UI we serve is same-origin;
 * scripts send no Origin), credentials of the wrong type (the UI's own check rejects its promise on a
 * non-string password, which would end the process), and an address that keeps guessing.
 */
function adminGuard(options: { trustProxy: boolean; log: Logger }) {
  const attempts = new Map<string, { count: number; since: number }>()
  const refuse = (next: (err?: Error) => void, reason: string, address: string) => {
    options.log.warn({ address, reason }, 'admin connection refused')
    next(new Error(reason === 'origin_not_allowed' ? reason : 'invalid credentials'))
  }
  return (socket: Socket, next: (err?: Error) => void): void => {
    const { headers, address: remote } = socket.handshake
    const auth = socket.handshake.auth as Record<string, unknown>
    const address = clientAddress(headers, remote, options.trustProxy)
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
