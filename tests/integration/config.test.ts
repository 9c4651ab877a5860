/**
 * The CLI's settings as a process sees them: a JSON config file, env vars over it and flags over
 * both, a bad value refused with the file and setting named, and --help listing every option.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { io as connect, type Socket } from 'socket.io-client'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/index.js'
import { SETTINGS } from '../../server/settings-table.js'

const started: ChildProcess[] = []
const clients: Socket[] = []
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noom-config-'))
})

async function configFile(name: string, settings: Record<string, unknown>): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, JSON.stringify(settings))
  return path
}

/** The CLI with only the env vars given (none of the test runner's NOOM_*). */
function startCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', ...env },
  })
  started.push(child)
  return child
}

function output(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
}

/** The capacity a member joining the started server is told: proof of which setting won. */
async function capacityOf(child: ChildProcess): Promise<number> {
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string }
      if (entry.msg === 'ready' && entry.url) resolve(entry.url)
    })
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)))
  })
  const client: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
    transports: ['websocket'],
    reconnection: false,
  })
  clients.push(client)
  const joined = await client.emitWithAck('room:join', { room: 'r', nickname: 'Ann' })
  if (!joined.ok) throw new Error(joined.error.message)
  return joined.capacity
}

describe('noom-server settings', () => {
  it('reads the config file; env vars win over it and flags over both', async () => {
    const path = await configFile('noom.json', { host: '127.0.0.1', port: 0, capacity: 3 })
    expect(await capacityOf(startCli(['--config', path]))).toBe(3)
    expect(await capacityOf(startCli([], { NOOM_CONFIG: path, NOOM_CAPACITY: '5' }))).toBe(5)
    const both = startCli(['--config', path, '--capacity', '4'], { NOOM_CAPACITY: '5' })
    expect(await capacityOf(both)).toBe(4)
  })

  it('refuses a bad value in the file, naming the file, the setting and the value', async () => {
    const path = await configFile('bad.json', { port: 0, capacity: 60 })
    const { code, stderr } = await output(startCli(['--config', path]))
    expect(code).toBe(2)
    expect(stderr).toContain(
      `noom-server: config file ${path}: capacity: must be a whole number from 2 to 50 (got 60)`,
    )
  })

  it('seats up to 50 with --sfu-url, and refuses a capacity above 16 without it', async () => {
    // Nothing connects to Janus yet: the settings are only checked and resolved.
    const path = await configFile('sfu.json', {
      host: '127.0.0.1',
      port: 0,
      capacity: 50,
      sfuUrl: ['ws://127.0.0.1:8188'],
      meshMax: 6,
    })
    const sfu = startCli(['--config', path], { NOOM_SFU_SECRET: 'janus-api-secret-16+' })
    expect(await capacityOf(sfu)).toBe(50)

    const mesh = await output(startCli(['--port', '0', '--capacity', '17']))
    expect(mesh.code).toBe(2)
    expect(mesh.stderr).toContain(
      'noom-server: --capacity (NOOM_CAPACITY) above 16 needs --sfu-url (NOOM_SFU_URL): a mesh of more is not usable',
    )
    const half = await output(startCli(['--port', '0'], { NOOM_SFU_URL: 'ws://127.0.0.1:8188' }))
    expect(half.code).toBe(2)
    expect(half.stderr).toContain('--sfu-secret (NOOM_SFU_SECRET) is needed with --sfu-url')
  })

  it('refuses an unknown key and never echoes a secret', async () => {
    const path = await configFile('unknown.json', { port: 0, capacityy: 4 })
    const unknown = await output(startCli(['--config', path]))
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(`config file ${path}: unknown setting "capacityy"`)

    const secret = await configFile('secret.json', { metricsToken: 'short-secret' })
    const refused = await output(startCli([], { NOOM_CONFIG: secret }))
    expect(refused.stderr).toContain(`config file ${secret}: metricsToken: must be at least 16`)
    expect(refused.stderr).not.toContain('short-secret')

    const janus = await configFile('janus.json', { sfuUrl: 'ws://a', sfuSecret: 'short-janus' })
    const weak = await output(startCli(['--config', janus]))
    expect(weak.stderr).toContain(`config file ${janus}: sfuSecret: must be at least 16`)
    expect(weak.stderr).not.toContain('short-janus')
  })

  it('lists every option with its env var, config key and default in --help', async () => {
    const { code, stdout } = await output(startCli(['--help']))
    expect(code).toBe(0)
    for (const [key, setting] of Object.entries(SETTINGS)) {
      expect(stdout).toContain(`--${setting.flag}`)
      expect(stdout).toContain(`env ${setting.env}`)
      expect(stdout).toContain(`config "${key}"`)
    }
    for (const text of ['--config FILE', 'NOOM_CONFIG', 'hash-password', 'default 3000']) {
      expect(stdout).toContain(text)
    }
  })
})
