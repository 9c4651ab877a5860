// Links from the page (chat, help) go to the system browser through shell.openExternal, which
// hands the string to the OS: a file:, smb: or UNC target can run or mount something. So a link
// is opened only when it is plainly an https URL to an allowlisted host.

/**
 * The raw authority we accept: case-insensitive ASCII host labels and an optional port.
 * Checking the raw text (not only the parsed URL) matters because the WHATWG parser quietly
 * repairs tricks: it decodes %-escapes in hosts, turns backslashes into slashes, strips tabs and
 * newlines and converts Unicode hosts to punycode, so the OS might see something else.
 */
const RAW_HTTPS_URL = /^https:\/\/([a-z0-9.-]+)(?::(\d{1,5}))?(?:[/?#]|$)/i
/** Whitespace, control characters, backslashes and anything outside printable ASCII. */
const UNSAFE_CHARS = /[^\x21-\x7e]|\\/

/** Percent-escaped control characters (%00 to %1f, %7f), which no honest link needs. */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i

/**
 * True when `host:port` matches one allowlist entry: 'host' (default port only), 'host:8443',
 * or '.example.org' / '.example.org:8443' for any subdomain of example.org (not itself).
 */
function isListed(host: string, port: string, allowlist: readonly string[]): boolean {
  return allowlist.some((entry) => {
    const [, listedHost = '', listedPort = ''] =
      /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase()) ?? []
    if (port !== (listedPort === '443' ? '' : listedPort)) return false
    if (listedHost.startsWith('.')) {
      return host.endsWith(listedHost) && host.length > listedHost.length
    }
    return host === listedHost
  })
}

/**
 * True when `url` may be opened with shell.openExternal: https only, a host in `allowlist`
 * (an entry '.example.org' also admits any subdomain of example.org, not example.org itself;
 * 'host:8443' admits that port and only it), no user name or password, and no whitespace,
 * control characters (raw or %-escaped), backslashes, %-escapes in the host or non-ASCII text.
 * IDN hosts must be listed, and written, in their punycode (xn--) form. Trailing-dot hosts are
 * refused.
 */
export function isSafeExternalUrl(url: string, allowlist: readonly string[]): boolean {
  if (url.length > 2048 || UNSAFE_CHARS.test(url) || ENCODED_CONTROL.test(url)) return false
  const raw = RAW_HTTPS_URL.exec(url)
  const parsed = URL.parse(url)
  if (!raw || !parsed || parsed.protocol !== 'https:') return false
  if (parsed.username !== '' || parsed.password !== '') return false
  const host = (raw[1] ?? '').toLowerCase()
  // The parser must see the same host we checked; an empty label or trailing dot is refused.
  if (host !== parsed.hostname || host.split('.').some((label) => label === '')) return false
  // 'https://host:443' parses to port '' so it counts as the default port, as it should.
  return isListed(host, parsed.port, allowlist)
}
