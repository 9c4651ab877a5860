/**
 * The Host header check (against DNS rebinding): a page at `attacker.example` whose name is made to
 * resolve to this machine reaches the server with `Host: attacker.example` and a matching Origin,
 * which the origin check alone would admit. Every HTTP request and Socket.IO connection must name a
 * host this server serves: a loopback name or address, one of the machine's own interface addresses
 * (LAN hosting; read at each check, as they change), or a name given with --public-url or
 * --allowed-hosts (`*` turns the check off).
 */
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

export interface HostCheckOptions {
  /** Names (or addresses) served besides loopback and this machine's addresses; `*` for any. */
  allowedHosts: readonly string[]
  /** The address the server is reached at from outside; its host is served. */
  publicUrl?: string | undefined
}

export type HostCheck = (host: string | undefined) => boolean

/** The name or address in a Host header, without its port, brackets or a trailing dot, lower-cased. */
export function hostName(header: string): string {
  const host = header.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host)
  const name = bracketed ? bracketed[1]! : host.replace(/:\d+$/, '')
  return name.endsWith('.') ? name.slice(0, -1) : name
}

function isLoopback(name: string): boolean {
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (isIP(name) === 4) return name.startsWith('127.')
  return name === '::1' || name === '::ffff:127.0.0.1'
}

function isOwnAddress(name: string): boolean {
  if (isIP(name) === 0) return false
  const bare = name.replace(/%.*$/, '')
  return Object.values(networkInterfaces()).some((entries) =>
    (entries ?? []).some((entry) => entry.address.toLowerCase() === bare),
  )
}

/** A request without Host comes from no browser (HTTP/1.0 tools) and is admitted. */
export function hostCheck({ allowedHosts, publicUrl }: HostCheckOptions): HostCheck {
  const named = new Set(allowedHosts.map(hostName))
  if (publicUrl !== undefined) named.add(hostName(new URL(publicUrl).host))
  if (named.has('*')) return () => true
  return (header) => {
    if (header === undefined) return true
    const name = hostName(header)
    return named.has(name) || isLoopback(name) || isOwnAddress(name)
  }
}
