import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_INDEX_URL,
  connectSources,
  contentSecurityPolicy,
  createAppProtocolHandler,
  resolveAppFile,
} from './app-protocol.js'

/** The CSP as a map of directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

describe('contentSecurityPolicy', () => {
  const csp = directives(contentSecurityPolicy(['https://noom.example.org:8443']))

  it('allows scripts and styles only from the app: no inline code, no eval', () => {
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
    const sources = [...directives(contentSecurityPolicy([])).values()].flat()
    expect(sources.filter((source) => /unsafe-|^\*$|^[a-z]+:$/.test(source))).toEqual([
      'data:',
      'blob:',
      'blob:',
      'mediastream:',
    ])
  })

  it("connects only to the app, this computer's loopback and the user's own server", () => {
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:*',
      'ws://127.0.0.1:*',
      'http://localhost:*',
      'ws://localhost:*',
      'https://noom.example.org:8443',
      'wss://noom.example.org:8443',
    ])
  })

  it('forbids plugins, framing, form posts and <base> rewrites', () => {
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('frame-src')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
  })

  it('lets camera streams and thumbnails (data:, blob:, mediastream:) through', () => {
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:'])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:'])
  })
})

describe('connectSources', () => {
  it.each([
    ['http://192.168.1.5:3000', ['http://192.168.1.5:3000', 'ws://192.168.1.5:3000']],
    ['https://noom.example.org/', ['https://noom.example.org', 'wss://noom.example.org']],
    ['https://NOOM.example.org:443', ['https://noom.example.org', 'wss://noom.example.org']],
  ])('%s gives its origin and websocket twin', (server, expected) => {
    expect(connectSources([server])).toEqual(expected)
  })

  it.each([
    ['a directive smuggled in a value', "https://a.example; script-src 'unsafe-inline'"],
    ['a wildcard', '*'],
    ['a scheme source', 'https:'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['credentials', 'https://user:pw@a.example'],
    ['a file URL', 'file:///etc/passwd'],
    ['nothing', ''],
  ])('drops %s', (_what, server) => {
    expect(connectSources([server])).toEqual([])
  })
})

describe('resolveAppFile', () => {
  const root = join(tmpdir(), 'renderer')

  it.each([
    ['app://noom/', 'index.html'],
    ['app://noom/index.html', 'index.html'],
    ['app://noom/assets/index-abc.js', join('assets', 'index-abc.js')],
    ['app://noom/assets/a%20b.css', join('assets', 'a b.css')],
  ])('%s is %s in the renderer directory', (url, file) => {
    expect(resolveAppFile(url, root)).toBe(join(root, file))
  })

  it('keeps encoded dot-dot segments inside the renderer directory', () => {
    const file = resolveAppFile('app://noom/%2e%2e/%2e%2e/etc/passwd', root)
    expect(file === null || file.startsWith(join(root, '/'))).toBe(true)
  })

  it.each([
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///index.html'],
    ['encoded slashes', 'app://noom/..%2f..%2fsecret'],
    ['encoded backslashes', 'app://noom/..%5c..%5csecret'],
    ['a NUL byte', 'app://noom/index.html%00.png'],
    ['a bad escape', 'app://noom/%E0%A4%A'],
    ['credentials in the authority', 'app://noom@evil/index.html'],
  ])('refuses %s', (_what, url) => {
    expect(resolveAppFile(url, root)).toBeNull()
  })
})

describe('createAppProtocolHandler', () => {
  let root: string
  let servers: string[] = []
  let handler: (request: Request) => Promise<Response>

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'noom-app-'))
    root = join(dir, 'renderer')
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Noom</title>')
    await writeFile(join(root, 'assets', 'app.js'), 'export {}')
    await writeFile(join(dir, 'secret.txt'), 'secret')
    handler = createAppProtocolHandler({ root, servers: () => servers })
  })
  afterAll(async () => {
    await rm(join(root, '..'), { recursive: true, force: true })
  })

  it('serves index.html with its type, the CSP and nosniff', async () => {
    const response = await handler(new Request(APP_INDEX_URL))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy([]))
    expect(await response.text()).toContain('<title>Noom</title>')
  })

  it('reads the servers at each request, so a server the user adds is admitted on reload', async () => {
    servers = ['https://noom.example.org']
    const response = await handler(new Request('app://noom/'))
    expect(response.headers.get('content-security-policy')).toContain('wss://noom.example.org')
    servers = []
  })

  it('serves scripts as JavaScript (module scripts need the right type)', async () => {
    const response = await handler(new Request('app://noom/assets/app.js'))
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    ['a missing file', 'app://noom/nope.js'],
    ['a directory', 'app://noom/assets'],
    ['a file outside the renderer', 'app://noom/%2e%2e/secret.txt'],
    ['another host', 'app://other/index.html'],
  ])('answers 404 for %s', async (_what, url) => {
    const response = await handler(new Request(url))
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('secret')
  })

  it('answers 404 to anything but GET', async () => {
    const response = await handler(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }))
    expect(response.status).toBe(404)
  })
})
