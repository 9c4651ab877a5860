import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { connectClient, startServer, stopAll } from '../../tests/support/harness.js'
import { createRendezvousServer } from '../server.js'
import { keyMatches } from './access-key.js'

afterEach(stopAll)

const KEY = 'k'.repeat(20) + '-per-run_key'

/** The connect_error code of a connection carrying `auth`, or null when it connected. */
const refusal = (url: string, auth?: Record<string, string>) =>
  connectClient(url, auth ? { auth } : {}).then(
    () => null,
    (err: Error & { data?: unknown }) => err,
  )

/** The status of a GET of `path`, with `headers`. */
function status(url: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.once('error', reject)
    req.end()
  })
}

describe('keyMatches', () => {
  it('accepts the key only, whatever else is given', () => {
    expect(keyMatches(KEY, KEY)).toBe(true)
    for (const given of [undefined, null, 42, '', KEY.slice(1), `${KEY}x`, KEY.toUpperCase()]) {
      expect(keyMatches(given, KEY), String(given)).toBe(false)
    }
  })
})

describe('a server with an access key', () => {
  it('refuses Socket.IO connections without the key or with another, and admits the key', async () => {
    const { url } = await startServer({ accessKey: KEY })
    const expected = { message: 'access_key_required', data: { code: 'access_key_required' } }
    expect(await refusal(url)).toMatchObject(expected)
    expect(await refusal(url, { key: 'x'.repeat(32) })).toMatchObject(expected)
    expect(await refusal(url, { key: KEY })).toBeNull()
  })

  it('answers /metrics and /readyz only with the key; /healthz stays public', async () => {
    const { url } = await startServer({ accessKey: KEY })
    expect(await status(url, '/metrics')).toBe(401)
    expect(await status(url, '/readyz', { 'x-noom-key': 'wrong-key-wrong-key' })).toBe(401)
    expect(await status(url, '/metrics', { 'x-noom-key': KEY })).toBe(200)
    expect(await status(url, `/readyz?key=${KEY}`)).toBe(200)
    expect(await status(url, '/healthz')).toBe(200)
  })

  it('without one, serves everyone as before', async () => {
    const { url } = await startServer()
    expect(await refusal(url)).toBeNull()
    expect(await status(url, '/metrics')).toBe(200)
  })

  it('refuses a key too short to be secret', () => {
    expect(() => createRendezvousServer({ accessKey: 'short' })).toThrow(/at least 16/)
  })
})
