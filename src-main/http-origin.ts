/**
 * The origin of a plain http(s) URL (`https://noom.example.org:8443`), or null for anything else:
 * another scheme, no host, or credentials in the authority (`https://app@evil`). The one check main
 * applies to every server address, wherever it comes from (settings, a noom:// link, the CSP).
 */
export function httpOrigin(value: string): string | null {
  const url = URL.parse(value)
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null
  return url.origin
}
