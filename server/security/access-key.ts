/**
 * The access key (option `accessKey`): a server that has one admits only those who carry it. The
 * desktop app's built-in server makes one per run and gives it only to the app and to the links it
 * shares, so a page elsewhere on the network (or one that rebinds its own name to this computer)
 * cannot join, list rooms or read the server's numbers even where the Host and Origin checks pass.
 *
 * Socket.IO connections carry it in the handshake's `auth.key` (refused with access_key_required,
 * in connection-guard.ts); HTTP requests for the server's state (/metrics, /readyz) in the
 * `X-Noom-Key` header or a `key` query parameter. The renderer's static files stay public: a
 * guest's browser loads them before it can read the key from its link, and they hold no secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Router } from '../http/router.js'
import { json } from '../http/router.js'

/** HTTP paths that answer with the server's state, and so need the key. */
export const KEYED_PATHS: readonly string[] = ['/metrics', '/readyz']

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * True when `given` is the key. Digests are compared, so neither the key's length nor how much of
 * it a guess got right shows in the time taken.
 */
export function keyMatches(given: unknown, key: string): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(key))
}

/** The key an HTTP request carries: the X-Noom-Key header, else the `key` query parameter. */
function requestKey(req: IncomingMessage): string | null {
  const header = req.headers['x-noom-key']
  if (typeof header === 'string') return header
  const query = (req.url ?? '').split('?')[1]
  return query === undefined ? null : new URLSearchParams(query).get('key')
}

/** `router`, except that KEYED_PATHS answer 401 to a request without the key. */
export function requireKeyFor(router: Router, key: string | undefined): Router {
  if (key === undefined) return router
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (KEYED_PATHS.includes(path) && !keyMatches(requestKey(req), key)) {
      json(res, 401, { error: 'access_key_required' })
      return Promise.resolve()
    }
    return router(req, res)
  }
}
