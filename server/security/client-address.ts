/**
 * The one place the server decides who a client is. `X-Forwarded-For` is believed only from a
 * trusted proxy (`--trusted-proxies`): then the client is the right-most address of the chain that
 * is not itself a trusted proxy (proxy-addr walks it), since each proxy appends the peer it saw and
 * anything to the left of a trusted hop may be forged. Without trusted proxies, the TCP peer.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import ipaddr from 'ipaddr.js'
import proxyAddr from 'proxy-addr'

/** Whether an address (the peer, or a hop of X-Forwarded-For) is one of the trusted proxies. */
export type ProxyTrust = (address: string, hop: number) => boolean

/**
 * Compiles the trusted proxies (addresses, CIDRs, or proxy-addr's names `loopback`, `linklocal`,
 * `uniquelocal`); throws a TypeError naming the first entry that is none of these.
 */
export function proxyTrust(trusted: readonly string[]): ProxyTrust {
  if (trusted.length === 0) return () => false
  return proxyAddr.compile([...trusted])
}

/** The client's address, from the TCP peer and, behind a trusted proxy, X-Forwarded-For. */
export function clientAddress(
  headers: IncomingHttpHeaders,
  peer: string,
  trust: ProxyTrust,
): string {
  // proxy-addr reads only these two fields of a request.
  const request = { headers, socket: { remoteAddress: peer } } as unknown as IncomingMessage
  return proxyAddr(request, trust)
}

/**
 * The key per-address limits count under: an IPv4 address (IPv4-mapped IPv6 read as IPv4), or an
 * IPv6 address's /64, since one host is usually given a whole /64 and may use any address in it.
 */
export function limitKey(address: string): string {
  if (!ipaddr.isValid(address)) return address
  const parsed = ipaddr.process(address)
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4)
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`
}
