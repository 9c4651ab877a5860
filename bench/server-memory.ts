/**
 * Server memory bench: the RSS of the server as README tells a user to run it (the built server,
 * `node bin/noom-server.js`, one process) and of the development server (`npm run server:dev`: npm,
 * tsx and the server, every process of its tree), idle and with one 2-member call, over several
 * fresh starts; judged against DESIGN.md's "≤ 80 MiB RSS idle, a call adds ≤ 20 MiB". See
 * bench/README.md.
 *
 *   npm run bench:server-memory                          # builds the server, 3 starts of each
 *   npx tsx bench/server-memory.ts --runs 5 --only built --node-flags=--max-semi-space-size=2
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { io, type Socket } from 'socket.io-client'
import type {
  Ack,
  ClientToServerEvents,
  JoinResult,
  ServerToClientEvents,
} from '../protocol/index.js'
import { table } from './report.js'
import { summarize } from './stats.js'
import { sleep } from './util.js'
import { freePort } from '../tests/support/free-port.js'

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
type Target = 'built' | 'dev'

const IDLE_BUDGET_MIB = 80
const CALL_BUDGET_MIB = 20
const READY_TIMEOUT_MS = 60_000
/** A call is read over this long after its last signal, every SAMPLE_MS; its peak counts. */
const CALL_WINDOW_MS = 5_000
const SAMPLE_MS = 250
/** What a browser's offer and answer weigh, roughly: the server relays them as they are. */
const SDP = `v=0\r\n${'a=fake-attribute-line-of-a-session-description\r\n'.repeat(80)}`
const CANDIDATES = 8

const root = fileURLToPath(new URL('../', import.meta.url))
const built = fileURLToPath(new URL('../out/server/server/cli.js', import.meta.url))

interface Options {
  runs: number
  idleMs: number
  only: Target | null
  nodeFlags: string[]
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      idle: { type: 'string', default: '5' },
      only: { type: 'string' },
      'node-flags': { type: 'string', default: '' },
    },
  })
  const runs = Number(values.runs)
  const idle = Number(values.idle)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a positive integer`)
  if (!(idle >= 0)) throw new Error(`--idle wants seconds`)
  if (values.only !== undefined && values.only !== 'built' && values.only !== 'dev')
    throw new Error(`--only wants built or dev`)
  return {
    runs,
    idleMs: idle * 1000,
    only: values.only ?? null,
    nodeFlags: values['node-flags'].split(' ').filter(Boolean),
  }
}

/** pid → its children's pids, from /proc. */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)])
    } catch {
      // The process ended while we looked.
    }
  }
  return children
}

function vmRssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** The RSS of `pid` and every process below it, MiB (pages shared between them count twice). */
function treeRssMiB(pid: number): { mib: number; processes: number } {
  const children = childrenByParent()
  const pids = [pid]
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i] as number) ?? []))
  const kib = pids.reduce((sum, p) => sum + vmRssKiB(p), 0)
  return { mib: kib / 1024, processes: pids.length }
}

function start(target: Target, port: number, nodeFlags: string[]): ChildProcess {
  const args = ['--port', `${port}`, '--host', '127.0.0.1', '--log-level', 'silent']
  // detached: its own process group, so one signal reaches npm, tsx and the server alike.
  const spawnOptions: SpawnOptions = {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  }
  return target === 'built'
    ? spawn(process.execPath, [...nodeFlags, 'bin/noom-server.js', ...args], spawnOptions)
    : spawn('npm', ['run', '--silent', 'server:dev', '--', ...args], spawnOptions)
}

async function untilHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`)
    const ok = await fetch(`${url}/healthz`).then(
      (res) => res.ok,
      () => false,
    )
    if (ok) return
    await sleep(100)
  }
  throw new Error(`no answer from ${url}/healthz within ${READY_TIMEOUT_MS / 1000} s`)
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid, 'SIGTERM')
  await Promise.race([exited, sleep(10_000)])
  if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
}

function connect(url: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, { transports: ['websocket'], forceNew: true })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

function ok<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`)
  return ack
}

/**
 * What a 2-member call asks of the server: both join one room, announce their media, and
 * negotiate (an offer, an answer, candidates both ways) through it. Resolves once every signal
 * has reached the other side.
 */
async function call(url: string): Promise<ClientSocket[]> {
  const [ann, bob] = await Promise.all([connect(url), connect(url)])
  if (!ann || !bob) throw new Error('no connection')
  const join = (socket: ClientSocket, nickname: string) =>
    socket.emitWithAck('room:join', { room: 'memory', nickname }).then(ok<JoinResult>)
  const annId = (await join(ann, 'Ann')).self.id
  const bobId = (await join(bob, 'Bob')).self.id
  const relayed = (socket: ClientSocket, count: number) =>
    new Promise<void>((resolve) => {
      let seen = 0
      socket.on('signal', () => ++seen === count && resolve())
    })
  const arrived = Promise.all([relayed(ann, 1 + CANDIDATES + 1), relayed(bob, 1 + CANDIDATES + 1)])
  const send = async (from: ClientSocket, to: string, type: 'offer' | 'answer') => {
    const sent = (payload: Parameters<ClientToServerEvents['signal:send']>[0]['payload']) =>
      from.emitWithAck('signal:send', { to, payload }).then(ok)
    await sent({ description: { type, sdp: SDP } })
    for (let i = 0; i < CANDIDATES; i++) {
      const candidate = `candidate:${i} 1 udp 2122260223 192.0.2.${i + 1} ${50000 + i} typ host`
      await sent({ candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } })
    }
    await sent({ candidate: null })
    await from.emitWithAck('media:update', { audio: true, video: true, screen: false }).then(ok)
  }
  await send(ann, bobId, 'offer')
  await send(bob, annId, 'answer')
  await arrived
  return [ann, bob]
}

interface Run {
  idleMiB: number
  callMiB: number
  processes: number
}

async function measure(target: Target, options: Options): Promise<Run> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = start(target, port, target === 'built' ? options.nodeFlags : [])
  try {
    await untilHealthy(url, child)
    await sleep(options.idleMs)
    const pid = child.pid as number
    const idle = treeRssMiB(pid)
    const sockets = await call(url)
    let peak = 0
    for (let t = 0; t < CALL_WINDOW_MS; t += SAMPLE_MS) {
      peak = Math.max(peak, treeRssMiB(pid).mib)
      await sleep(SAMPLE_MS)
    }
    for (const socket of sockets) socket.disconnect()
    return { idleMiB: idle.mib, callMiB: peak - idle.mib, processes: idle.processes }
  } finally {
    await stop(child)
  }
}

interface Figure {
  median: number
  min: number
  max: number
}

function figure(values: number[]): Figure {
  return { median: summarize(values).p50, min: Math.min(...values), max: Math.max(...values) }
}

const mib = (f: Figure): string =>
  `${f.median.toFixed(1)} (${f.min.toFixed(1)}–${f.max.toFixed(1)})`

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!existsSync(built)) throw new Error('the server is not built: run `npm run build:server`')
  const targets: Target[] = options.only ? [options.only] : ['built', 'dev']
  const results = new Map<Target, { idle: Figure; call: Figure; processes: number }>()
  for (const target of targets) {
    const runs: Run[] = []
    for (let i = 0; i < options.runs; i++) {
      const run = await measure(target, options)
      console.log(
        `${target} #${i + 1}: idle ${run.idleMiB.toFixed(1)} MiB, call +${run.callMiB.toFixed(1)} MiB`,
      )
      runs.push(run)
    }
    results.set(target, {
      idle: figure(runs.map((r) => r.idleMiB)),
      call: figure(runs.map((r) => r.callMiB)),
      processes: Math.max(...runs.map((r) => r.processes)),
    })
  }
  const flags = options.nodeFlags.length ? ` ${options.nodeFlags.join(' ')}` : ''
  const names: Record<Target, string> = {
    built: `built: node${flags} bin/noom-server.js`,
    dev: 'dev: npm run server:dev',
  }
  const rows = [...results].map(([target, r]) => [
    names[target],
    `${r.processes}`,
    mib(r.idle),
    mib(r.call),
  ])
  const header = ['server', 'processes', 'idle RSS MiB', 'a call adds MiB']
  console.log(`\nmedian (min–max) of ${options.runs} starts\n${table(header, rows)}\n`)
  const b = results.get('built')
  if (!b) return
  const check = (budget: string, f: Figure, limit: number) => [
    budget,
    mib(f),
    `≤ ${limit} MiB RSS`,
    f.median <= limit ? 'PASS' : 'FAIL',
  ]
  const checks = [
    check('built server idle', b.idle, IDLE_BUDGET_MIB),
    check('a 2-member call adds', b.call, CALL_BUDGET_MIB),
  ]
  console.log(`${table(['budget', 'measured', 'target', 'verdict'], checks)}\n`)
}

main().catch((err: unknown) => {
  console.error('server-memory failed:', err instanceof Error ? err.message : err)
  process.exitCode = 1
})
