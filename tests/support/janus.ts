/**
 * A real Janus (Debian's `janus`) for tests: started from a config folder written here, with only the
 * WebSocket transport (on a free loopback port) and the VideoRoom plugin, an API secret and a small
 * RTP port range of its own; stopped or killed by its PID. Janus never offers loopback candidates
 * (libnice leaves loopback out), so its ICE is held to this machine's own IPv4 address: packets to
 * a local address never leave the machine. Every other plugin,
 * transport, logger and event handler is disabled, so nothing takes a fixed port. Tests that need
 * it skip, saying why, where it is not installed (`.ci/run` installs the janus package).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { freePort } from './free-port.js'

const BINARY = '/usr/bin/janus'
const LIBRARIES = '/usr/lib/x86_64-linux-gnu/janus'
const START_TIMEOUT_MS = 15_000
/** RTP ports per instance: two per stream (bundled: one per handle), enough for a test's rooms. */
const RTP_PORTS = 60

export interface TestJanus {
  /** ws://127.0.0.1:port, what `--sfu-url` takes. */
  readonly url: string
  readonly secret: string
  readonly pid: number
  /** What Janus printed so far (for failure messages). */
  log(): string
  /** SIGTERM, then SIGKILL after 5 s; waits for the exit. Safe to call twice. */
  stop(): Promise<void>
  /** SIGKILL, as a crash: no goodbye to anyone. */
  kill(): Promise<void>
  /** Starts it again on the same port and RTP range (after stop or kill). */
  restart(): Promise<void>
}

/** Why Janus tests cannot run here, or null when they can. */
export function janusMissing(): string | null {
  if (!existsSync(BINARY)) return `${BINARY} not found (Debian package janus); .ci/run installs it`
  if (!existsSync(join(LIBRARIES, 'plugins', 'libjanus_videoroom.so'))) {
    return `Janus's VideoRoom plugin is not in ${LIBRARIES}/plugins`
  }
  return null
}

const running = new Set<ChildProcess>()
let nextRange = 0

/** Starts a Janus; `secret` is its API secret (random unless given). */
export async function startJanus(options: { secret?: string } = {}): Promise<TestJanus> {
  const missing = janusMissing()
  if (missing) throw new Error(missing)
  const secret = options.secret ?? `test-${Math.random().toString(36).slice(2)}`
  const port = await freePort()
  // Below Linux's ephemeral range (32768+), apart per instance and per test process.
  const block = (process.pid * 7 + nextRange++) % 150
  const rtpMin = 22_000 + block * RTP_PORTS
  const dir = mkdtempSync(join(tmpdir(), 'noom-janus-'))
  writeConfig(dir, { port, secret, rtpMin, rtpMax: rtpMin + RTP_PORTS - 1 })
  let child: ChildProcess | null = null
  let output = ''
  const start = async () => {
    child = await launch(dir, (text) => {
      output = (output + text).slice(-20_000)
    })
  }
  const end = async (signal: NodeJS.Signals) => {
    const current = child
    child = null
    if (current) await terminate(current, signal)
  }
  await start()
  return {
    url: `ws://127.0.0.1:${port}`,
    secret,
    get pid() {
      return child?.pid ?? -1
    },
    log: () => output,
    async stop() {
      await end('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
    kill: () => end('SIGKILL'),
    async restart() {
      await end('SIGKILL')
      await start()
    },
  }
}

/** Kills every Janus this module started (for afterAll). */
export async function stopAllJanus(): Promise<void> {
  await Promise.all([...running].map((child) => terminate(child, 'SIGKILL')))
}

/** This machine's first IPv4 address that is not loopback, if it has one. */
function ownAddress(): string | null {
  const all = Object.values(networkInterfaces()).flat()
  return all.find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? null
}

/** The libraries of a folder, all but `keep` (Janus loads every one it finds unless disabled). */
function allBut(folder: string, keep: string | null): string {
  const path = join(LIBRARIES, folder)
  const names = existsSync(path) ? readdirSync(path).filter((name) => name.endsWith('.so')) : []
  return names.filter((name) => name !== keep).join(',')
}

function writeConfig(
  dir: string,
  {
    port,
    secret,
    rtpMin,
    rtpMax,
  }: { port: number; secret: string; rtpMin: number; rtpMax: number },
): void {
  const quote = (value: string) => JSON.stringify(value)
  const address = ownAddress()
  writeFileSync(
    join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = ${quote(dir)}
  plugins_folder = ${quote(join(LIBRARIES, 'plugins'))}
  transports_folder = ${quote(join(LIBRARIES, 'transports'))}
  events_folder = ${quote(join(LIBRARIES, 'events'))}
  loggers_folder = ${quote(join(LIBRARIES, 'loggers'))}
  debug_level = 4
  api_secret = ${quote(secret)}
  session_timeout = 60
}
media: {
  ipv6 = false
  rtp_port_range = "${rtpMin}-${rtpMax}"
}
nat: {
  nice_debug = false
  ${address ? `ice_enforce_list = ${quote(address)}` : ''}
  ignore_mdns = true
}
plugins: { disable = ${quote(allBut('plugins', 'libjanus_videoroom.so'))} }
transports: { disable = ${quote(allBut('transports', 'libjanus_websockets.so'))} }
loggers: { disable = ${quote(allBut('loggers', null))} }
events: {
  broadcast = false
  disable = ${quote(allBut('events', null))}
}
`,
  )
  writeFileSync(
    join(dir, 'janus.transport.websockets.jcfg'),
    `general: {
  json = "compact"
  ws = true
  ws_port = ${port}
  ws_interface = "lo"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
  )
  writeFileSync(
    join(dir, 'janus.plugin.videoroom.jcfg'),
    `general: {
  string_ids = true
}
`,
  )
}

async function launch(dir: string, onOutput: (text: string) => void): Promise<ChildProcess> {
  const child = spawn(BINARY, ['-F', dir, '-C', join(dir, 'janus.jcfg')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Janus did not start')), START_TIMEOUT_MS)
    const lines = createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      onOutput(`${line}\n`)
      if (!line.includes('Websockets server started')) return
      clearTimeout(timer)
      resolve()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Janus exited with ${code}`))
    })
  })
  return child
}

function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill(signal)
  })
}
