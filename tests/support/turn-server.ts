/**
 * A real coturn (Debian's `turnserver`) for tests: on loopback, on free ports, in `use-auth-secret`
 * mode with a secret of the test's choosing, stopped by its PID. Tests that need it skip, saying
 * why, where it is not installed (`.ci/run` installs the coturn package).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { stunBinding } from './turn-client.js'

export interface TurnServer {
  host: string
  /** Listening port, the same for UDP and TCP. */
  port: number
  secret: string
  /** `turn:` URLs clients can use: UDP first, then TCP. */
  urls: string[]
  /** What coturn printed so far (for failure messages). */
  log(): string
  /** Stops it by its PID (SIGTERM, then SIGKILL) and removes its files. Safe to call twice. */
  stop(): Promise<void>
}

const HOST = '127.0.0.1'
/** Relay ports asked of coturn: few, since each allocation takes one and tests make only a few. */
const RELAY_PORTS = 40

/** The turnserver binary on PATH, or null. */
export function findTurnserver(): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const candidate = join(dir, 'turnserver')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return null
}

/** Why TURN tests cannot run here, or null when they can. */
export function turnserverMissing(): string | null {
  return findTurnserver()
    ? null
    : 'turnserver (Debian package coturn) is not installed; `.ci/run` installs it'
}

function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    socket.once('error', () => resolve(false))
    socket.bind(port, HOST, () => socket.close(() => resolve(true)))
  })
}

function tcpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, HOST, () => server.close(() => resolve(true)))
  })
}

/** A port free for both UDP and TCP, and above it a run of UDP ports free for relays. */
async function freePorts(): Promise<{ port: number; minPort: number; maxPort: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Below Linux's ephemeral range (32768+), so the kernel is not handing these out meanwhile.
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    const minPort = port + 1
    const maxPort = port + RELAY_PORTS
    if (!(await udpFree(port)) || !(await tcpFree(port))) continue
    let relaysFree = true
    for (let p = minPort; p <= maxPort && relaysFree; p++) relaysFree = await udpFree(p)
    if (relaysFree) return { port, minPort, maxPort }
  }
  throw new Error('found no free ports for turnserver')
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()))
}

export interface TurnServerOptions {
  /**
   * Start coturn with this turnserver.conf, plus only what a test needs on top (loopback, free ports,
   * no TLS, the secret), instead of the tests' own settings.
   */
  configFile?: string
}

/** What the tests' own coturn runs with when no config file is given. */
const TEST_SETTINGS = [
  '-n', // no config file: only these flags
  '--use-auth-secret',
  '--realm=noom.test',
  // Both peers relay through this one loopback server; coturn refuses loopback peers by default.
  '--allow-loopback-peers',
  '--fingerprint',
  '--no-cli',
  '--no-rfc5780',
  '--no-software-attribute',
  '--relay-threads=1',
  '--verbose', // logs each request and whom it was for; the e2e suite reads that
  '--log-file=stdout',
  '--simple-log',
]

/** Starts coturn and resolves once it answers STUN on its port. */
export async function startTurnServer(
  secret: string,
  options: TurnServerOptions = {},
): Promise<TurnServer> {
  const binary = findTurnserver()
  if (!binary) throw new Error(turnserverMissing() ?? 'no turnserver')
  const { port, minPort, maxPort } = await freePorts()
  const dir = mkdtempSync(join(tmpdir(), 'noom-turn-'))
  const args = [
    ...(options.configFile ? ['-c', options.configFile] : TEST_SETTINGS),
    `--listening-ip=${HOST}`,
    `--relay-ip=${HOST}`,
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${maxPort}`,
    `--static-auth-secret=${secret}`,
    '--no-tls',
    '--no-dtls',
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--userdb=${join(dir, 'turndb')}`,
  ]
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-1_000_000)
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const server: TurnServer = {
    host: HOST,
    port,
    secret,
    urls: [`turn:${HOST}:${port}?transport=udp`, `turn:${HOST}:${port}?transport=tcp`],
    log: () => output,
    stop: async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        const pid = child.pid
        process.kill(pid, 'SIGTERM')
        const killer = setTimeout(() => process.kill(pid, 'SIGKILL'), 3_000)
        await exited(child)
        clearTimeout(killer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  const deadline = Date.now() + 15_000
  while (!(await stunBinding({ host: HOST, port }, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop()
      throw new Error(`turnserver did not come up on ${HOST}:${port}:\n${output}`)
    }
  }
  return server
}
