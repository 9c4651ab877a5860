/**
 * Requests as a page whose name was rebound to this machine sends them (DNS rebinding): a Host
 * header naming the page's host and an Origin to match.
 */
import { request } from 'node:http'

/** The status of a GET of `path` at `url` with `host` as the Host header (and its Origin). */
export function statusWithHost(url: string, path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { host, origin: `http://${host}` }
    const req = request(`${url}${path}`, { headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.once('error', reject)
    req.end()
  })
}
