/**
 * One size of the server-load bench, start to finish: a fresh server child, fresh client workers,
 * connect → join → steady, the server's own figures, then everything torn down.
 */
import { forkChild, reap, type Child } from './children.js'
import type {
  ConnectResult,
  FromServer,
  FromWorker,
  JoinResult,
  ServerStats,
  SteadyResult,
  ToServer,
  ToWorker,
} from './messages.js'
import { busyPercent, cpuSnapshot } from './machine-cpu.js'
import { buildRooms, dealRooms } from './plan.js'
import { summarizeSize, type SizeResult } from './size-result.js'

export interface ScenarioOptions {
  workers: number
  talkers: number
  steadySeconds: number
  /** Connections opening at once, per worker. */
  connectConcurrency: number
  /** Joins awaiting their ack at once, per worker. */
  joinWindow: number
  /** Extra Node flags for the server child, e.g. --cpu-prof or --trace-gc (where time goes). */
  serverFlags: string[]
}

type Server = Child<ToServer, FromServer>
type Worker = Child<ToWorker, FromWorker>

const START_MS = 30_000
const STATS_MS = 30_000
const CLOSE_MS = 30_000
/** Generous bounds for the phases whose length grows with the size. */
const phaseMs = (members: number): number => 60_000 + members * 20

async function serverStats(server: Server): Promise<ServerStats> {
  server.send({ type: 'stats' })
  return (await server.next<Extract<FromServer, { type: 'stats' }>>('stats', STATS_MS)).stats
}

/** Sends `message` to every worker and collects each one's answer of `type`. */
async function allWorkers<T extends FromWorker>(
  workers: Worker[],
  message: ToWorker | ((i: number) => ToWorker),
  type: T['type'],
  timeoutMs: number,
): Promise<T[]> {
  return Promise.all(
    workers.map((w, i) => {
      const answer = w.next<T>(type, timeoutMs)
      w.send(typeof message === 'function' ? message(i) : message)
      return answer
    }),
  )
}

export async function runSize(size: number, options: ScenarioOptions): Promise<SizeResult> {
  const server: Server = forkChild('./server-child.ts', ['--expose-gc', ...options.serverFlags])
  const workers: Worker[] = []
  try {
    const { port } = await server.next<Extract<FromServer, { type: 'ready' }>>('ready', START_MS)
    const url = `http://127.0.0.1:${port}`
    const idle = await serverStats(server)
    for (let i = 0; i < options.workers; i++) workers.push(forkChild('./client-worker.ts'))
    await Promise.all(workers.map((w) => w.next('ready', START_MS)))

    const rooms = buildRooms(size, options.talkers, Date.now().toString(36))
    const shares = dealRooms(rooms, options.workers)
    const limit = phaseMs(size)
    log(size, `connecting ${size} members in ${rooms.length} rooms from ${workers.length} workers`)
    const connect = await allWorkers<Extract<FromWorker, { type: 'connected' }>>(
      workers,
      (i) => ({
        type: 'connect',
        url,
        rooms: shares[i] ?? [],
        concurrency: options.connectConcurrency,
      }),
      'connected',
      limit,
    )
    log(size, 'joining')
    const join = await allWorkers<Extract<FromWorker, { type: 'joined' }>>(
      workers,
      { type: 'join', window: options.joinWindow },
      'joined',
      limit,
    )
    const joined = await serverStats(server)
    log(size, `steady phase, ${options.steadySeconds} s`)
    const steadyStart = process.hrtime.bigint()
    const machineStart = cpuSnapshot()
    const spec = {
      durationMs: options.steadySeconds * 1000,
      drainMs: 2000,
      signalIntervalMs: 1000,
      chatIntervalMs: 10_000,
    }
    const steady = await allWorkers<Extract<FromWorker, { type: 'steadied' }>>(
      workers,
      { type: 'steady', spec },
      'steadied',
      spec.durationMs + spec.drainMs + STATS_MS,
    )
    const loaded = await serverStats(server)
    const steadyMs = Number(process.hrtime.bigint() - steadyStart) / 1e6
    const machineCpuPercent = busyPercent(machineStart, cpuSnapshot())
    return summarizeSize({
      size,
      workers: options.workers,
      rooms: rooms.length,
      connect: connect.map((m): ConnectResult => m.result),
      join: join.map((m): JoinResult => m.result),
      steady: steady.map((m): SteadyResult => m.result),
      steadyMs,
      machineCpuPercent,
      server: { idle, joined, loaded },
    })
  } finally {
    await closeAll(server, workers)
  }
}

/** Disconnects every member, then closes the server; whatever does not go in time is killed. */
async function closeAll(server: Server, workers: Worker[]): Promise<void> {
  await Promise.allSettled(
    workers.map(async (w) => {
      if (w.process.connected) w.send({ type: 'close' })
      await reap(w.process, CLOSE_MS)
    }),
  )
  if (server.process.connected) server.send({ type: 'close' })
  await reap(server.process, CLOSE_MS)
}

function log(size: number, text: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] N=${size}: ${text}`)
}
