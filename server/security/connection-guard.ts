/**
 * Checks made once per connection, before any event: the Host header (host-check.ts), the browser
 * origin (CORS does not cover
 * WebSockets, so a foreign page could otherwise connect with its visitor's browser) and a cap on open
 * connections per client address.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { DESKTOP_APP_ORIGIN, type ConnectErrorCode } from '../../protocol/index.js'
import type { NoomSocket } from '../context.js'
import type { HostCheck } from './host-check.js'

export interface GuardOptions {
  allowedOrigins: readonly string[]
  maxConnectionsPerAddress: number
  trustProxy: boolean
}

/** A refusal the client sees as `connect_error` with `message` = code and `data` = { code, message }. */
class ConnectRefusal extends Error {
  readonly data: { code: ConnectErrorCode; message: string }
  constructor(code: ConnectErrorCode, message: string) {
    super(code)
    this.data = { code, message }
  }
}

/**
 * No Origin: not a browser (the desktop app's main process, scripts). The desktop app's own origin,
 * the page this server served (same host), and configured origins are admitted.
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true
  if (origin === DESKTOP_APP_ORIGIN || allowed.includes('*') || allowed.includes(origin))
    return true
  try {
    const url = new URL(origin)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host
  } catch {
    return false
  }
}

export function clientAddress(
  headers: IncomingHttpHeaders,
  socketAddress: string,
  trustProxy: boolean,
): string {
  const forwarded = headers['x-forwarded-for']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  return trustProxy && first ? first : socketAddress
}

/** `onRefuse` hears of every refusal, for the operator's log. */
export function connectionGuard(
  options: GuardOptions,
  hostAllowed: HostCheck,
  onRefuse: (
    code: ConnectErrorCode,
    details: { address: string; origin?: string; host?: string },
  ) => void,
) {
  const open = new Map<string, number>()
  return (socket: NoomSocket, next: (err?: Error) => void): void => {
    const { headers, address: remote } = socket.handshake
    const address = clientAddress(headers, remote, options.trustProxy)
    if (!hostAllowed(headers.host)) {
      onRefuse('host_not_allowed', { address, host: headers.host })
      next(new ConnectRefusal('host_not_allowed', 'This server does not serve that host name.'))
      return
    }
    if (!isOriginAllowed(headers.origin, headers.host, options.allowedOrigins)) {
      onRefuse('origin_not_allowed', { address, origin: headers.origin })
      next(new ConnectRefusal('origin_not_allowed', 'This server does not accept this page.'))
      return
    }
    const count = open.get(address) ?? 0
    if (options.maxConnectionsPerAddress > 0 && count >= options.maxConnectionsPerAddress) {
      onRefuse('too_many_connections', { address })
      next(new ConnectRefusal('too_many_connections', 'Too many connections from your address.'))
      return
    }
    open.set(address, count + 1)
    socket.data.address = address
    socket.once('disconnect', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left > 0) open.set(address, left)
      else open.delete(address)
    })
    next()
  }
}
