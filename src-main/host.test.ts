import { createServer, type Server } from 'node:net'
import { networkInterfaces } from 'node:os'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createRendezvousServer, type RendezvousServer } from '../server/index.js'
import { statusWithHost } from '../tests/support/forged-host.js'
import { connectClient, joinedClient, nextEvent, stopAll } from '../tests/support/harness.js'
import type { HostStatus } from '../contract/index.js'
import {
  describeStartError,
  HostController,
  lanAddresses,
  type HostDeps,
  type InterfaceAddress,
} from './host.js'

const hosts: HostController[] = []
const blockers: Server[] = []

afterEach(async () => {
  await stopAll()
  await Promise.all(hosts.splice(0).map((host) => host.stop()))
  await Promise.all(blockers.splice(0).map((b) => new Promise((r) => b.close(r))))
})

type Wrap = (server: RendezvousServer, host: string, listening: () => number) => RendezvousServer

/**
 * A controller on the real server, recording every server it made and every status it emitted.
 * `wrap` may decorate a server (to fail a listen, or watch one), never replace it.
 */
function makeHost(deps: HostDeps = {}, wrap: Wrap = (server) => server) {
  const made: RendezvousServer[] = []
  const events: HostStatus[] = []
  const listening = () => made.filter((s) => s.io.httpServer.listening).length
  const host = new HostController({
    logger: pino({ level: 'silent' }),
    accessKey: KEY,
    onStatus: (status) => events.push(status),
    createServer: (options) => {
      const server = createRendezvousServer(options)
      made.push(server)
      return wrap(server, options.host ?? '', listening)
    },
    ...deps,
  })
  hosts.push(host)
  return { host, made, events, listening, states: () => events.map((e) => e.state) }
}

/** A port some other program holds. */
async function occupiedPort(): Promise<number> {
  const blocker = createServer()
  blockers.push(blocker)
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
  return (blocker.address() as { port: number }).port
}

/** This machine's first non-loopback IPv4 address, if it has one. */
function externalIpv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address
}

/** The key the tests' controllers require (the app's is random per run). */
const KEY = 'test-access-key-0123456789'
const auth = { key: KEY }

function refused(url: string): Promise<boolean> {
  return connectClient(url, { auth }).then(
    () => false,
    () => true,
  )
}

describe('HostController on the real server', () => {
  it('starts on a free port on loopback, and a client joins a room there', async () => {
    const { host } = makeHost()
    const status = await host.start({ port: 0, lan: false })
    expect(status).toMatchObject({ state: 'running', lan: false, lanUrls: [], error: null })
    expect(status.port).toBeGreaterThan(0)
    expect(status.localUrl).toBe(`http://127.0.0.1:${status.port}`)
    expect(host.status()).toEqual(status)
    const { joined } = await joinedClient(
      status.localUrl ?? '',
      { room: 'demo', nickname: 'Ann' },
      auth,
    )
    expect(joined.self.nickname).toBe('Ann')
  })

  it('listens on loopback only when lan is false', async (ctx) => {
    const address = externalIpv4()
    if (!address) ctx.skip('this machine has no non-loopback IPv4 address to try')
    const { host } = makeHost()
    const { port } = await host.start({ port: 0, lan: false })
    expect(await refused(`http://${address}:${port}`)).toBe(true)
  })

  it('listens on every interface when lan is true and lists the LAN addresses', async (ctx) => {
    const address = externalIpv4()
    if (!address) ctx.skip('this machine has no non-loopback IPv4 address to try')
    const { host } = makeHost()
    const status = await host.start({ port: 0, lan: true })
    expect(status.lanUrls).toContain(`http://${address}:${status.port}`)
    // Every listed address answers, IPv6 ones included where this machine has them.
    for (const url of status.lanUrls) expect(await refused(url)).toBe(false)
    expect(await refused(status.localUrl ?? '')).toBe(false)
  })

  it('falls back to IPv4 when IPv6 cannot be bound, and lists no IPv6 address', async () => {
    const noIpv6 = Object.assign(new Error('address family not supported'), {
      code: 'EAFNOSUPPORT',
    })
    const { host, made } = makeHost(
      {
        networkInterfaces: () => ({
          eth0: [
            { address: '192.168.1.9', family: 'IPv4', internal: false },
            { address: 'fd00::9', family: 'IPv6', internal: false },
          ],
        }),
      },
      (server, bindHost) =>
        bindHost === '::' ? { ...server, listen: () => Promise.reject(noIpv6) } : server,
    )
    const status = await host.start({ port: 0, lan: true })
    expect(status.lanUrls).toEqual([`http://192.168.1.9:${status.port}`])
    expect(made.map((s) => s.io.httpServer.listening)).toEqual([false, true])
  })

  it('fails with a clear message on a port in use, leaves nothing open, then starts on another', async () => {
    const { host, made, listening, states } = makeHost()
    const port = await occupiedPort()
    const failed = await host.start({ port, lan: false })
    expect(failed).toEqual({
      state: 'failed',
      port: null,
      lan: false,
      localUrl: null,
      lanUrls: [],
      error: `Port ${port} is in use by another program. Choose another port.`,
      accessKey: null,
    })
    expect(made).toHaveLength(1)
    expect(listening()).toBe(0)
    expect(states()).toEqual(['starting', 'failed'])
    expect((await host.start({ port: 0, lan: false })).state).toBe('running')
    expect(states()).toEqual(['starting', 'failed', 'starting', 'running'])
  })

  it('tells connected members and closes them on stop, then reports stopped', async () => {
    const { host, listening, states } = makeHost()
    const { localUrl } = await host.start({ port: 0, lan: false })
    const { client } = await joinedClient(localUrl ?? '', { room: 'demo', nickname: 'Ann' }, auth)
    const notice = nextEvent(client, 'server:notice')
    const closed = new Promise((r) => client.once('disconnect', r))
    const stopped = await host.stop()
    expect(stopped).toMatchObject({ state: 'stopped', port: null, localUrl: null })
    expect(await notice).toEqual({ kind: 'shutdown', message: 'The host stopped this server.' })
    await closed
    expect(listening()).toBe(0)
    expect(await refused(localUrl ?? '')).toBe(true)
    await host.stop()
    expect(states()).toEqual(['starting', 'running', 'stopped'])
  })

  it('returns the current status for the same options and restarts for others', async () => {
    const { host, made, states } = makeHost()
    const first = await host.start({ port: 0, lan: false })
    expect(await host.start({ port: 0, lan: false })).toEqual(first)
    expect(await host.start({ port: first.port ?? 0, lan: false })).toEqual(first)
    expect(made).toHaveLength(1)
    // The same port again, now on every interface: it is free because the old server closed first.
    const second = await host.start({ port: first.port ?? 0, lan: true })
    expect(second).toMatchObject({ state: 'running', port: first.port, lan: true })
    expect(made.map((s) => s.io.httpServer.listening)).toEqual([false, true])
    expect(states()).toEqual(['starting', 'running', 'stopped', 'starting', 'running'])
  })

  it('serialises concurrent starts and stops so that no two servers listen at once', async () => {
    let most = 0
    const { host, made } = makeHost({}, (server, _host, listening) => ({
      ...server,
      listen: async () => {
        const bound = await server.listen()
        most = Math.max(most, listening())
        return bound
      },
    }))
    const [a, b, c, d] = await Promise.all([
      host.start({ port: 0, lan: false }),
      host.start({ port: 0, lan: false }),
      host.start({ port: 0, lan: true }),
      host.stop(),
    ])
    expect(a).toEqual(b)
    expect(c).toMatchObject({ state: 'running', lan: true })
    expect(d.state).toBe('stopped')
    expect(made).toHaveLength(2)
    expect(most).toBe(1)
  })

  it.each([
    ['a privileged port', { port: 80, lan: false }, /port must be 0/],
    ['a fractional port', { port: 3000.5, lan: false }, /port must be 0/],
    ['a port above 65535', { port: 70000, lan: false }, /port must be 0/],
    ['a port given as text', { port: '3000', lan: false }, /port must be 0/],
    ['a missing lan', { port: 3000 }, /lan must be true or false/],
    ['no options at all', null, /Invalid host options/],
  ])('rejects %s without changing state', async (_name, options, message) => {
    const { host, states } = makeHost()
    const running = await host.start({ port: 0, lan: false })
    // @ts-expect-error -- IPC may deliver anything; start must check it.
    await expect(host.start(options)).rejects.toThrow(message)
    expect(host.status()).toEqual(running)
    expect(states()).toEqual(['starting', 'running'])
  })

  it('stops calling a listener once it unsubscribes, and survives one that throws', async () => {
    const { host } = makeHost()
    const heard: string[] = []
    host.onStatus(() => {
      throw new Error('broken listener')
    })
    const unsubscribe = host.onStatus((s) => heard.push(s.state))
    await host.start({ port: 0, lan: false })
    unsubscribe()
    await host.stop()
    expect(heard).toEqual(['starting', 'running'])
  })
})

/** The connect_error code of a connection with these headers and auth, or 'connected'. */
function connectAs(url: string, options: Parameters<typeof connectClient>[1]): Promise<string> {
  return connectClient(url, options).then(
    () => 'connected',
    (err: Error) => err.message,
  )
}

/** A controller with the key it makes itself, as the app's. */
function randomKeyHost(): HostController {
  const host = new HostController({ logger: pino({ level: 'silent' }) })
  hosts.push(host)
  return host
}

describe('the built-in server admits only the app and its links', () => {
  it('refuses a forged Host with a matching Origin, even with the key (DNS rebinding)', async () => {
    const { host } = makeHost()
    const { localUrl } = await host.start({ port: 0, lan: false })
    const forged = { host: 'attacker.example:47320', origin: 'http://attacker.example:47320' }
    expect(await connectAs(localUrl ?? '', { extraHeaders: forged, auth })).toBe('host_not_allowed')
    expect(await statusWithHost(localUrl ?? '', '/', forged.host)).toBe(421)
  })

  it('refuses the right Host without the key or with another, and admits the key', async () => {
    const { host } = makeHost()
    const { localUrl } = await host.start({ port: 0, lan: false })
    const url = localUrl ?? ''
    const own = { host: new URL(url).host, origin: url }
    expect(await connectAs(url, { extraHeaders: own })).toBe('access_key_required')
    const wrong = { key: 'another-key-0123456789' }
    expect(await connectAs(url, { extraHeaders: own, auth: wrong })).toBe('access_key_required')
    expect(await connectAs(url, { extraHeaders: own, auth })).toBe('connected')
  })

  it('makes a key of 32 random bytes per controller, reports it while running, and keeps it across restarts', async () => {
    const host = randomKeyHost()
    expect(host.status().accessKey).toBeNull()
    const first = await host.start({ port: 0, lan: false })
    expect(first.accessKey).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const restarted = await host.start({ port: 0, lan: true })
    expect(restarted.accessKey).toBe(first.accessKey)
    const other = randomKeyHost()
    expect((await other.start({ port: 0, lan: false })).accessKey).not.toBe(first.accessKey)
    const key = restarted.accessKey ?? ''
    expect(await connectAs(restarted.localUrl ?? '', { auth: { key } })).toBe('connected')
  })
})

describe('describeStartError', () => {
  it.each([
    ['EADDRINUSE', 8080, 'Port 8080 is in use by another program. Choose another port.'],
    ['EACCES', 8080, 'This computer does not let Noom use port 8080 (it may be reserved).'],
    ['EACCES', 0, 'This computer does not let Noom use a free port (it may be reserved).'],
    ['EADDRNOTAVAIL', 8080, 'This computer has no network address to listen on.'],
    ['EWHATEVER', 8080, 'The built-in server could not start on port 8080: boom'],
  ])('explains %s on port %i', (code, port, expected) => {
    const error = Object.assign(new Error('boom'), { code })
    expect(describeStartError(error, port)).toContain(expected)
  })
})

describe('lanAddresses', () => {
  const v4 = (address: string, internal = false): InterfaceAddress => ({
    address,
    family: 'IPv4',
    internal,
  })
  const v6 = (address: string, internal = false): InterfaceAddress => ({
    address,
    family: 'IPv6',
    internal,
  })

  it.each<[string, Record<string, InterfaceAddress[] | undefined>, string[]]>([
    ['nothing but loopback', { lo: [v4('127.0.0.1', true), v6('::1', true)] }, []],
    ['an empty or missing interface', { eth0: [], wlan0: undefined }, []],
    ['a home network', { wlan0: [v4('192.168.1.20')] }, ['192.168.1.20']],
    ['link-local addresses', { eth0: [v4('169.254.3.4'), v6('fe80::1%eth0'), v6('FEB0::2')] }, []],
    [
      'private ranges ahead of others, 192.168 before 10 before 172.16',
      {
        tun0: [v4('100.64.0.7')],
        docker0: [v4('172.17.0.1')],
        eth0: [v4('10.0.0.5')],
        wlan0: [v4('192.168.0.9')],
      },
      ['192.168.0.9', '10.0.0.5', '172.17.0.1', '100.64.0.7'],
    ],
    [
      '172 outside 172.16/12 as a public address',
      { eth0: [v4('172.32.0.1'), v4('8.8.4.4')] },
      ['172.32.0.1', '8.8.4.4'],
    ],
    [
      'IPv4 before unique-local IPv6 before global IPv6',
      { eth0: [v6('2001:db8::5'), v6('fd12::5'), v4('192.0.2.2')] },
      ['192.0.2.2', 'fd12::5', '2001:db8::5'],
    ],
    ['an address listed twice once', { a: [v4('10.1.1.1')], b: [v4('10.1.1.1')] }, ['10.1.1.1']],
  ])('handles %s', (_name, table, expected) => {
    expect(lanAddresses(table)).toEqual(expected)
  })

  it('leaves IPv6 out when asked to', () => {
    expect(lanAddresses({ eth0: [v6('fd00::2'), v4('10.0.0.2')] }, { ipv6: false })).toEqual([
      '10.0.0.2',
    ])
  })
})
