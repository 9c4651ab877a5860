/**
 * Secrets kept off the command line: --secret-file, --turn-secret-file, --sfu-secret-file and
 * --metrics-token-file (and their env vars) read at start, one trailing newline dropped; a missing or empty file stops the
 * server naming it; a secret given as a flag still works but is warned about in the log.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { io as connect, type Socket } from 'socket.io-client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/index.js'

const started: ChildProcess[] = []
const clients: Socket[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noom-secrets-'))
})

async function secretFile(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text, { mode: 0o600 })
  return path
}

function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const base = ['--host', '127.0.0.1', '--port', '0']
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...base, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', ...env },
  })
  started.push(child)
  return child
}

interface Started {
  url: string
  /** The log's lines up to `ready`. */
  lines: Array<{ msg?: string; level?: number }>
}

function ready(child: ChildProcess): Promise<Started> {
  const lines: Started['lines'] = []
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string; level?: number }
      lines.push(entry)
      if (entry.msg === 'ready' && entry.url) resolve({ url: entry.url, lines })
    })
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)))
  })
}

function failure(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })))
}

async function metricsStatus(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
  return res.status
}

const TOKEN = 'metrics-token-from-a-file'
const TURN_SECRET = 'turn-secret-from-a-file'

describe('secrets from files', () => {
  it('reads each file at start, dropping its trailing newline, and warns of none', async () => {
    const secret = await secretFile('secret', 'resume-secret-from-a-file\n')
    const token = await secretFile('token', `${TOKEN}\n`)
    const turn = await secretFile('turn', `${TURN_SECRET}\r\n`)
    const child = startCli(['--secret-file', secret, '--turn-urls', 'turn:127.0.0.1:3478'], {
      NOOM_METRICS_TOKEN_FILE: token,
      NOOM_TURN_SECRET_FILE: turn,
    })
    const { url, lines } = await ready(child)
    expect(lines.filter((line) => line.level === 40)).toEqual([])
    expect(await metricsStatus(url, TOKEN)).toBe(200)
    expect(await metricsStatus(url, `${TOKEN}x`)).toBe(401)

    const join = async (nickname: string) => {
      const client: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
        transports: ['websocket'],
        reconnection: false,
      })
      clients.push(client)
      const ack = await client.emitWithAck('room:join', { room: 'r', nickname })
      if (!ack.ok) throw new Error(ack.error.message)
      return ack
    }
    // TURN credentials go to members with someone to call: Bob, who finds Ann there.
    await join('Ann')
    const joined = await join('Bob')
    const relay = joined.iceServers.find((server) => server.username !== undefined)
    expect(relay?.credential).toBe(
      createHmac('sha1', TURN_SECRET).update(relay!.username!).digest('base64'),
    )
  })

  it('reads the SFU secret from its file, which alone makes --sfu-url and --capacity 50 start', async () => {
    const sfu = await secretFile('sfu', 'janus-api-secret-from-a-file\n')
    const args = ['--sfu-url', 'ws://127.0.0.1:8188', '--capacity', '50']
    const { url, lines } = await ready(startCli(args, { NOOM_SFU_SECRET_FILE: sfu }))
    expect(lines.filter((line) => line.level === 40)).toEqual([])
    const client: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      transports: ['websocket'],
      reconnection: false,
    })
    clients.push(client)
    const ack = await client.emitWithAck('room:join', { room: 'r', nickname: 'Ann' })
    expect(ack.ok && ack.capacity).toBe(50)

    const missing = join(dir, 'no-sfu-secret')
    const gone = await failure(startCli([...args, '--sfu-secret-file', missing]))
    expect(gone.code).toBe(2)
    expect(gone.stderr).toContain(
      `--sfu-secret-file (NOOM_SFU_SECRET_FILE): ${missing}: cannot be read`,
    )
    const short = await secretFile('sfu-short', 'janus-short\n')
    const weak = await failure(startCli([...args, '--sfu-secret-file', short]))
    expect(weak.stderr).toContain(`${short}: must be at least 16 characters`)
    expect(weak.stderr).not.toContain('janus-short')
  })

  it('warns in the log when a secret came in a flag', async () => {
    const { url, lines } = await ready(startCli(['--metrics-token', TOKEN]))
    const warnings = lines.filter((line) => line.level === 40).map((line) => line.msg)
    expect(warnings).toEqual([
      expect.stringContaining('--metrics-token was given on the command line'),
    ])
    expect(warnings[0]).not.toContain(TOKEN)
    expect(await metricsStatus(url, TOKEN)).toBe(200)
  })

  it('stops with the file named when it is missing, empty or too short', async () => {
    const missing = join(dir, 'nowhere')
    const gone = await failure(startCli(['--secret-file', missing]))
    expect(gone.code).toBe(2)
    expect(gone.stderr).toContain(`--secret-file (NOOM_SECRET_FILE): ${missing}: cannot be read`)

    const empty = await secretFile('empty', '\n')
    const blank = await failure(startCli([], { NOOM_METRICS_TOKEN_FILE: empty }))
    expect(blank.code).toBe(2)
    expect(blank.stderr).toContain(`${empty}: is empty`)

    const short = await secretFile('short', 'short-one\n')
    const weak = await failure(startCli(['--metrics-token-file', short]))
    expect(weak.stderr).toContain(`${short}: must be at least 16 characters`)
    expect(weak.stderr).not.toContain('short-one')
  })

  it('refuses a secret given both ways', async () => {
    const token = await secretFile('both', `${TOKEN}\n`)
    const both = await failure(
      startCli(['--metrics-token-file', token], { NOOM_METRICS_TOKEN: TOKEN }),
    )
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--metrics-token (NOOM_METRICS_TOKEN) or --metrics-token-file')
  })
})
