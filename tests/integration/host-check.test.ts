/**
 * noom-server against DNS rebinding: a page at attacker.example whose name now resolves to the
 * server reaches it with that Host and a matching Origin; neither HTTP nor Socket.IO serves it, while
 * loopback and the names of --public-url and --allowed-hosts are served.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { io as connect, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { statusWithHost } from '../support/forged-host.js'

const started: ChildProcess[] = []
const clients: Socket[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

function startCli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const base = ['--host', '127.0.0.1', '--port', '0']
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...base, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '', ...env },
  })
  started.push(child)
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string }
      if (entry.msg === 'ready' && entry.url) resolve(entry.url)
    })
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)))
  })
}

/** The connect_error code a connection naming `host` gets, or 'connected'. */
function connectAs(url: string, host: string): Promise<string> {
  const client = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { host, origin: `http://${host}` },
  })
  clients.push(client)
  return new Promise((resolve) => {
    client.once('connect', () => resolve('connected'))
    client.once('connect_error', (err) => resolve(err.message))
  })
}

describe('noom-server and the Host header', () => {
  it('refuses a forged Host with a matching Origin: 421 over HTTP, host_not_allowed on connect', async () => {
    const url = await startCli([])
    expect(await statusWithHost(url, '/', 'attacker.example:3000')).toBe(421)
    expect(await statusWithHost(url, '/healthz', 'attacker.example')).toBe(421)
    expect(await connectAs(url, 'attacker.example:3000')).toBe('host_not_allowed')
    // What the server always served stays served.
    expect(await statusWithHost(url, '/healthz', new URL(url).host)).toBe(200)
    expect(await statusWithHost(url, '/healthz', 'localhost:3000')).toBe(200)
    expect(await statusWithHost(url, '/healthz', '[::1]:3000')).toBe(200)
    expect(await connectAs(url, new URL(url).host)).toBe('connected')
  })

  it('serves the host of --public-url and the names of NOOM_ALLOWED_HOSTS', async () => {
    const url = await startCli(['--public-url', 'https://noom.example'], {
      NOOM_ALLOWED_HOSTS: 'meet.example, call.example',
    })
    expect(await connectAs(url, 'noom.example')).toBe('connected')
    expect(await connectAs(url, 'call.example:443')).toBe('connected')
    expect(await statusWithHost(url, '/healthz', 'meet.example')).toBe(200)
    expect(await statusWithHost(url, '/healthz', 'attacker.example')).toBe(421)
  })
})
