/**
 * Which servers the desktop app may reach over plain http: one rule for main (which enforces it)
 * and the lobby (which says so before the user presses Continue). No Node or DOM APIs beyond URL,
 * whose parser already writes every host in its canonical form (IPv4 as four decimal parts, IPv6
 * compressed and lower-case), so a few comparisons on that form are the whole check.
 */

/**
 * `https`: encrypted. `local`: http to this computer (nothing leaves it). `private`: http to a
 * private network address (10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10): allowed,
 * marked unencrypted. `refused`: http anywhere else, or not an http(s) origin.
 */
export type ServerKind = 'https' | 'local' | 'private' | 'refused'

/** The four parts of a canonical dotted IPv4 address, or null. */
function ipv4(host: string): number[] | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return match ? match.slice(1).map(Number) : null
}

function ipv4Kind([a = 0, b = 0]: number[]): ServerKind {
  if (a === 127) return 'local'
  const isPrivate =
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  return isPrivate ? 'private' : 'refused'
}

/** `host` without brackets, as URL writes it (`::1`, `fd00::5`). */
function ipv6Kind(host: string): ServerKind {
  if (host === '::1') return 'local'
  // The first 16-bit group: '' when the address starts with '::' (then it is 0).
  const first = Number.parseInt(host.split(':')[0] || '0', 16)
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return 'private'
  return 'refused'
}

/** What kind of server `origin` is (an http(s) origin as URL#origin writes it). */
export function serverKind(origin: string): ServerKind {
  const url = URL.parse(origin)
  if (url?.protocol === 'https:') return 'https'
  if (url?.protocol !== 'http:') return 'refused'
  const host = url.hostname
  if (host === 'localhost' || host.endsWith('.localhost')) return 'local'
  if (host.startsWith('[')) return ipv6Kind(host.slice(1, -1))
  const parts = ipv4(host)
  return parts ? ipv4Kind(parts) : 'refused'
}
