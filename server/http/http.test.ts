import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startServer, stopAll } from '../../tests/support/harness.js'

afterEach(stopAll)

let staticDir = ''
const bigScript = `console.log(${JSON.stringify('noom '.repeat(1000))})`
beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'noom-static-'))
  staticDir = join(root, 'renderer')
  await mkdir(join(staticDir, 'assets'), { recursive: true })
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Noom</title>')
  await writeFile(join(staticDir, 'assets', 'app-abc123.js'), bigScript)
  await writeFile(join(root, 'secret.txt'), 'outside the renderer')
})

/** A raw GET, so paths reach the server exactly as written (fetch would normalise them). */
function get(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url + path,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

describe('HTTP', () => {
  it('answers /healthz and /readyz', async () => {
    const { url } = await startServer()
    const health = await get(url, '/healthz')
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'ok' })
    expect((await get(url, '/readyz')).status).toBe(200)
  })

  it('serves the built renderer at / with a strict CSP, and its hashed assets as immutable', async () => {
    const { url } = await startServer({ staticDir })
    const page = await get(url, '/')
    expect(page.status).toBe(200)
    expect(page.body.toString()).toContain('<title>Noom</title>')
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toContain("default-src 'self'")
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['cache-control']).toBe('no-cache')

    const asset = await get(url, '/assets/app-abc123.js', {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(asset.headers['cache-control']).toContain('immutable')
    expect(asset.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(asset.body).toString()).toBe(bigScript)
  })

  it('answers a join link (/?room=…) and client routes with the page', async () => {
    const { url } = await startServer({ staticDir })
    expect((await get(url, '/?room=demo')).body.toString()).toContain('Noom')
    expect((await get(url, '/call/demo')).body.toString()).toContain('Noom')
    expect((await get(url, '/assets/missing.js')).status).toBe(404)
  })

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%00',
    '/%E0%A4%A',
  ])('never serves a file outside the renderer: %s', async (path) => {
    const { url } = await startServer({ staticDir })
    const res = await get(url, path)
    expect(res.body.toString()).not.toContain('outside the renderer')
  })

  it('serves only GET and HEAD', async () => {
    const { url } = await startServer({ staticDir })
    expect((await get(url, '/', { method: 'POST' })).status).toBe(404)
    const head = await get(url, '/', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
  })

  it('answers 404 at / when no renderer has been built', async () => {
    const { url } = await startServer({ staticDir: join(tmpdir(), 'no-such-noom-dir') })
    expect((await get(url, '/')).status).toBe(404)
  })
})
