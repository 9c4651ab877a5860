/** Rendezvous-server addresses: the one check every server address passes, in main and the page. */
import { z } from 'zod'

/** Longest server address kept in settings or taken from a link. */
export const SERVER_URL_MAX = 256

/**
 * The origin of a plain http(s) URL (`https://noom.example.org:8443`), or null for anything else:
 * another scheme, no host, or credentials in the authority (`https://app@evil`).
 */
export function httpOrigin(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null
  return url.origin
}

/** A server's origin exactly as URL#origin writes it (`http(s)://host[:port]`). */
export const serverOriginSchema = z
  .string()
  .max(SERVER_URL_MAX)
  .refine((value) => httpOrigin(value) === value, {
    message: 'must be an http(s) origin such as https://noom.example.org',
  })

/** A saved server: an origin, or '' for "none of the user's own" (see DEFAULT_USER_SETTINGS). */
export const serverUrlSchema = z.union([z.literal(''), serverOriginSchema])
