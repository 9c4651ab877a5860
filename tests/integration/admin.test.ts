/**
 * The Socket.IO Admin UI on a real server: off unless configured; with credentials, socket.io-client
 * authenticates to /admin and a wrong password is refused; read-only, so its actions do nothing; its
 * web app is served by the server itself, fonts and icons included, and other web origins are
 * refused; closing the server stops the package's stats timer.
 */
import { spawn } from 'node:child_process'
import { compare } from 'bcryptjs'
import { io as connect, type Socket } from 'socket.io-client'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { hashAdminPassword } from '../../server/admin/password-hash.js'
import { createRendezvousServer } from '../../server/server.js'
import { joinedClient, startServer, stopAll } from '../support/harness.js'

const USER = 'root'
const PASSWORD = 'correct horse battery'
let passwordHash = ''
const admins: Socket[] = []

beforeAll(async () => {
  passwordHash = await hashAdminPassword(PASSWORD, 10)
})
afterEach(async () => {
  for (const admin of admins.splice(0)) admin.disconnect()
  await stopAll()
})

/** An Admin UI connection; resolves once connected, rejects with the refusal. */
function adminClient(
  url: string,
  auth: Record<string, unknown>,
  extraHeaders?: Record<string, string>,
): Promise<Socket> {
  const socket = connect(`${url}/admin`, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(extraHeaders ? { extraHeaders } : {}),
  })
  admins.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

const withAdmin = () => startServer({ admin: { username: USER, passwordHash } })

/** Every `url(...)` of a stylesheet, resolved against where it was served from, without `?v=`. */
function cssUrls(css: string, base: string): string[] {
  return [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => {
    const url = new URL(m[1] ?? '', base)
    url.search = ''
    url.hash = ''
    return url.href
  })
}

describe('Admin UI', () => {
  it('is off by default: the /admin namespace does not exist', async () => {
    const { url } = await startServer()
    await expect(adminClient(url, { username: USER, password: PASSWORD })).rejects.toThrow(
      'Invalid namespace',
    )
  })

  it('lets the right credentials in, read-only, and refuses a wrong password', async () => {
    const { url } = await withAdmin()
    const config = new Promise<{ supportedFeatures: string[] }>((resolve, reject) => {
      const socket = connect(`${url}/admin`, {
        auth: { username: USER, password: PASSWORD },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      })
      admins.push(socket)
      socket.once('config', resolve)
      socket.once('connect_error', reject)
    })
    // Read-only: no join, leave, disconnect or emit features are offered, only aggregates.
    expect((await config).supportedFeatures).toEqual(['AGGREGATED_EVENTS'])

    await expect(adminClient(url, { username: USER, password: 'wrong horse' })).rejects.toThrow(
      'invalid credentials',
    )
    await expect(adminClient(url, { username: 'admin', password: PASSWORD })).rejects.toThrow(
      'invalid credentials',
    )
  })

  it('does nothing when asked to disconnect a member', async () => {
    const { server, url } = await withAdmin()
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    const admin = await adminClient(url, { username: USER, password: PASSWORD })
    const [adminOnServer] = [...server.io.of('/admin').sockets.values()]
    // Socket.IO hands an event to its listeners on the next tick after onAny sees it: one
    // setImmediate later, any handler for it has run.
    const handled = new Promise((resolve) =>
      adminOnServer?.onAny((event: string) => event === '_disconnect' && setImmediate(resolve)),
    )

    admin.emit('_disconnect', '/', true, ann.client.id)
    await handled
    expect(server.io.of('/').sockets.get(ann.client.id ?? '')?.connected).toBe(true)
    expect((await ann.client.emitWithAck('chat:send', { text: 'still here' })).ok).toBe(true)
  })

  it('refuses other web origins (its web app is served here), and malformed credentials', async () => {
    const { server, url } = await withAdmin()
    const good = { username: USER, password: PASSWORD }
    const origin = (value: string) => ({ origin: value })
    await expect(adminClient(url, good, origin('https://admin.socket.io'))).rejects.toThrow(
      'origin_not_allowed',
    )
    await expect(adminClient(url, good, origin(url))).resolves.toBeDefined()
    // A non-string password would make the UI's own check reject a promise nobody awaits.
    await expect(adminClient(url, { username: USER, password: 12345678 })).rejects.toThrow(
      'invalid credentials',
    )
    await expect(adminClient(url, { username: USER })).rejects.toThrow('invalid credentials')
    expect(server.io.of('/admin').sockets.size).toBe(1)

    const page = await fetch(`${url}/admin/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Socket.IO Admin UI')
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'")
    const bare = await fetch(`${url}/admin`, { redirect: 'manual' })
    expect(bare.status).toBe(301)
    expect(bare.headers.get('location')).toBe('/admin/')
  })

  it('stops an address that keeps guessing', async () => {
    const { url } = await withAdmin()
    for (let i = 0; i < 10; i++) {
      await expect(adminClient(url, { username: USER, password: `guess ${i}` })).rejects.toThrow()
    }
    await expect(adminClient(url, { username: USER, password: PASSWORD })).rejects.toThrow(
      'invalid credentials',
    )
  })

  it('refuses a plain password where the hash belongs', () => {
    expect(() =>
      createRendezvousServer({
        admin: { username: USER, passwordHash: PASSWORD },
        logLevel: 'silent',
      }),
    ).toThrow(/must be a bcrypt hash .*hash-password/)
  })

  it('hash-password prints a hash of the password read on stdin that the server accepts', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'hash-password'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stdin.end(`${PASSWORD}\n`)
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(0)
    const hash = stdout.trim()
    expect(hash).toMatch(/^\$2b\$12\$/)
    expect(await compare(PASSWORD, hash)).toBe(true)

    const { url } = await startServer({ admin: { username: USER, passwordHash: hash } })
    await expect(adminClient(url, { username: USER, password: PASSWORD })).resolves.toBeDefined()
  })

  it('serves its fonts and icons itself, under a CSP that names no other host', async () => {
    const { url } = await withAdmin()
    const page = await fetch(`${url}/admin/`)
    const html = await page.text()
    // Only keywords and schemes ('self', data:, blob:…): no host, no wildcard.
    const csp = page.headers.get('content-security-policy') ?? ''
    const sources = csp.split(';').flatMap((directive) => directive.trim().split(/\s+/).slice(1))
    expect(sources.filter((source) => !/^('[a-z-]+'|[a-z]+:)$/.test(source))).toEqual([])
    const links = [...html.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1] ?? '')
    expect(links.filter((link) => /^([a-z]+:|\/\/)/i.test(link))).toEqual([])

    const sheets = [...html.matchAll(/<link rel="?stylesheet"? href="?([^">\s]+)/g)].map(
      (m) => new URL(m[1] ?? '', `${url}/admin/`).href,
    )
    const fonts: string[] = []
    for (const sheet of sheets) {
      const response = await fetch(sheet)
      expect(response.status, sheet).toBe(200)
      expect(response.headers.get('content-type'), sheet).toMatch(/^text\/css/)
      fonts.push(
        ...cssUrls(await response.text(), sheet).filter((u) => /\.(woff2?|ttf|eot)$/.test(u)),
      )
    }
    expect(fonts.every((font) => font.startsWith(`${url}/admin/`))).toBe(true)
    expect(fonts).toContain(`${url}/admin/fonts/mdi/fonts/materialdesignicons-webfont.woff2`)
    for (const weight of [100, 300, 400, 500, 700, 900]) {
      expect(fonts).toContain(`${url}/admin/fonts/roboto/files/roboto-latin-${weight}-normal.woff2`)
    }
    const statuses = await Promise.all(
      [...new Set(fonts)].map(async (font) => [font, (await fetch(font)).status] as const),
    )
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([])
    const woff2 = await fetch(`${url}/admin/fonts/mdi/fonts/materialdesignicons-webfont.woff2`)
    expect(woff2.headers.get('content-type')).toBe('font/woff2')
    // The font packages' other files are not served.
    expect((await fetch(`${url}/admin/fonts/mdi/package.json`)).status).toBe(404)
  })

  it('stops its stats timer when the server closes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const { server } = await withAdmin()
      const emit = vi.spyOn(server.io.of('/admin'), 'emit')
      vi.advanceTimersByTime(2_000)
      expect(emit).toHaveBeenCalledWith('server_stats', expect.anything())
      await server.close()
      emit.mockClear()
      vi.advanceTimersByTime(10_000)
      expect(emit).not.toHaveBeenCalled()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
