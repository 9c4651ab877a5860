/**
 * The Socket.IO Admin UI on a real server: off unless configured; with credentials, socket.io-client
 * authenticates to /admin and a wrong password is refused; read-only, so its actions do nothing; its
 * web app is served by the server itself, and other web origins are refused.
 */
import { spawn } from 'node:child_process'
import { compare } from 'bcryptjs'
import { io as connect, type Socket } from 'socket.io-client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
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
})
