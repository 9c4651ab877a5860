/**
 * Checks made once per connection, before any event: the Host header (host-check.ts), the browser
 * origin (CORS does not cover
 * WebSockets, so a foreign page could otherwise connect with its visitor's browser), the access key
 * where the server has one (access-key.ts), a cap on open connections per client address on this
 * node, and the rate of new connections per address on every node (address-limits.ts).
 */
import { DESKTOP_APP_ORIGIN, type ConnectErrorCode } from '../../protocol/index.js'
import type { NoomSocket } from '../context.js'
import { keyMatches } from './access-key.js'
import type { AddressLimiter } from './address-limits.js'
import { clientAddress, limitKey, type ProxyTrust } from './client-address.js'
import type { HostCheck } from './host-check.js'

export interface GuardOptions {
  allowedOrigins: readonly string[]
  maxConnectionsPerAddress: number
  /** Whose X-Forwarded-For names the client (client-address.ts). */
  trust: ProxyTrust
  /** New connections per address, on every node (address-limits.ts). */
  limits: AddressLimiter
  /** When set, a connection must carry it in `auth.key` (access-key.ts). */
  accessKey?: string | undefined
}

/** A refusal the client sees as `connect_error` with `message` = code and `data` = { code, message }. */
class ConnectRefusal extends Error {
  readonly data: { code: ConnectErrorCode; message: string; retryAfterMs?: number }
  constructor(code: ConnectErrorCode, message: string, retryAfterMs?: number) {
    super(code)
    this.data = retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs }
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
  const refusal = async (socket: NoomSocket, address: string): Promise<ConnectRefusal | null> => {
    const { headers } = socket.handshake
    if (!hostAllowed(headers.host)) {
      onRefuse('host_not_allowed', { address, host: headers.host })
      return new ConnectRefusal('host_not_allowed', 'This server does not serve that host name.')
    }
    if (!isOriginAllowed(headers.origin, headers.host, options.allowedOrigins)) {
      onRefuse('origin_not_allowed', { address, origin: headers.origin })
      return new ConnectRefusal('origin_not_allowed', 'This server does not accept this page.')
    }
    const key: unknown = socket.handshake.auth['key']
    if (options.accessKey !== undefined && !keyMatches(key, options.accessKey)) {
      onRefuse('access_key_required', { address })
      return new ConnectRefusal('access_key_required', 'This server admits only its host’s links.')
    }
    const rate = await options.limits.take('connections', address)
    if (!rate.ok) {
      onRefuse('too_many_connections', { address })
      const message = 'Too many new connections from your address; wait a little.'
      return new ConnectRefusal('too_many_connections', message, rate.retryAfterMs)
    }
    return null
  }
  /** Checked and counted in one step, after the awaits, so that two at once cannot both pass. */
  const overCap = (counted: string): ConnectRefusal | null => {
    const count = open.get(counted) ?? 0
    if (options.maxConnectionsPerAddress === 0 || count < options.maxConnectionsPerAddress) {
      open.set(counted, count + 1)
      return null
    }
    onRefuse('too_many_connections', { address: counted })
    return new ConnectRefusal('too_many_connections', 'Too many connections from your address.')
  }
  return (socket: NoomSocket, next: (err?: Error) => void): void => {
    const { headers, address: peer } = socket.handshake
    const address = clientAddress(headers, peer, options.trust)
    void refusal(socket, address).then((refused) => {
      const counted = limitKey(address)
      const refusedNow = refused ?? overCap(counted)
      if (refusedNow) return next(refusedNow)
      socket.data.address = address
      socket.once('disconnect', () => {
        const left = (open.get(counted) ?? 1) - 1
        if (left > 0) open.set(counted, left)
        else open.delete(counted)
      })
      next()
    })
  }
}
