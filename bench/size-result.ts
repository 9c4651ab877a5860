/** The figures of one size, folded together from every worker's and the server's raw answers. */
import type {
  ConnectResult,
  JoinResult,
  RelayResult,
  ServerStats,
  SteadyResult,
} from './messages.js'
import { mergeCounts, summarize, type LatencySummary } from './stats.js'
import { elapsedMs } from './util.js'

export interface RelayFigures {
  sent: number
  acked: number
  errors: Record<string, number>
  received: number
  latencyMs: LatencySummary
}

/** Server memory at one moment, in MiB. */
export interface MemoryFigures {
  rssMiB: number
  heapUsedMiB: number
  externalMiB: number
}

export interface SizeResult {
  size: number
  workers: number
  rooms: number
  connect: { ok: number; failed: number; retries: number; seconds: number; perSecond: number }
  join: {
    ok: number
    failed: number
    errors: Record<string, number>
    seconds: number
    perSecond: number
  }
  steady: {
    seconds: number
    talkers: number
    members: number
    signal: RelayFigures
    chat: RelayFigures
    disconnects: number
    /** CPU used during the phase, in % of one core (200 % = both cores of this machine). */
    serverCpuPercent: number
    workersCpuPercent: number
    /** Every process on the machine, this bench's included. */
    machineCpuPercent: number
    /** The server's event-loop delay during the phase, ms. */
    serverLoopDelayMs: { p50: number; p99: number; max: number }
    /** The worst worker's event-loop delay during the phase, ms. */
    workersLoopDelayMs: { p99: number; max: number }
  }
  server: {
    gcRan: boolean
    idle: MemoryFigures
    joined: MemoryFigures
    loaded: MemoryFigures
    counts: ServerStats['server']
    /** Loaded figures over joined members, and (marginal) minus the idle server first, in KiB. */
    perMember: { rssKiB: number; heapKiB: number; rssMarginalKiB: number; heapMarginalKiB: number }
  }
}

export interface RawSize {
  size: number
  workers: number
  rooms: number
  connect: ConnectResult[]
  join: JoinResult[]
  steady: SteadyResult[]
  /** Wall time between the two server readings around the steady phase. */
  steadyMs: number
  machineCpuPercent: number
  server: { idle: ServerStats; joined: ServerStats; loaded: ServerStats }
}

const MiB = 1024 * 1024
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)
const min = (values: bigint[]): bigint => values.reduce((a, b) => (b < a ? b : a))
const max = (values: bigint[]): bigint => values.reduce((a, b) => (b > a ? b : a))

function memory(stats: ServerStats): MemoryFigures {
  const m = stats.memory
  return { rssMiB: m.rss / MiB, heapUsedMiB: m.heapUsed / MiB, externalMiB: m.external / MiB }
}

/** Rate over the span from the earliest start to the latest end across workers. */
function span(starts: bigint[], ends: bigint[], count: number) {
  const seconds = elapsedMs(min(starts), max(ends)) / 1000
  return { seconds, perSecond: seconds > 0 ? count / seconds : 0 }
}

function relay(results: RelayResult[]): RelayFigures {
  return {
    sent: sum(results.map((r) => r.sent)),
    acked: sum(results.map((r) => r.acked)),
    errors: mergeCounts(results.map((r) => r.errors)),
    received: sum(results.map((r) => r.received)),
    latencyMs: summarize(results.flatMap((r) => r.latenciesMs)),
  }
}

function steadyFigures(raw: RawSize): SizeResult['steady'] {
  const { joined, loaded } = raw.server
  const serverCpu = loaded.cpu.user + loaded.cpu.system - (joined.cpu.user + joined.cpu.system)
  return {
    seconds: raw.steadyMs / 1000,
    talkers: sum(raw.steady.map((s) => s.talkers)),
    members: sum(raw.steady.map((s) => s.members)),
    signal: relay(raw.steady.map((s) => s.signal)),
    chat: relay(raw.steady.map((s) => s.chat)),
    disconnects: sum(raw.steady.map((s) => s.disconnects)),
    serverCpuPercent: (serverCpu / 1000 / raw.steadyMs) * 100,
    workersCpuPercent: (sum(raw.steady.map((s) => s.cpuMicros)) / 1000 / raw.steadyMs) * 100,
    machineCpuPercent: raw.machineCpuPercent,
    serverLoopDelayMs: loaded.loopDelay,
    workersLoopDelayMs: {
      p99: Math.max(...raw.steady.map((s) => s.loopDelayMs.p99)),
      max: Math.max(...raw.steady.map((s) => s.loopDelayMs.max)),
    },
  }
}

function serverFigures(raw: RawSize, members: number): SizeResult['server'] {
  const idle = memory(raw.server.idle)
  const loaded = memory(raw.server.loaded)
  const per = (mib: number): number => (members > 0 ? (mib * 1024) / members : NaN)
  return {
    gcRan: raw.server.loaded.gcRan,
    idle,
    joined: memory(raw.server.joined),
    loaded,
    counts: raw.server.loaded.server,
    perMember: {
      rssKiB: per(loaded.rssMiB),
      heapKiB: per(loaded.heapUsedMiB),
      rssMarginalKiB: per(loaded.rssMiB - idle.rssMiB),
      heapMarginalKiB: per(loaded.heapUsedMiB - idle.heapUsedMiB),
    },
  }
}

export function summarizeSize(raw: RawSize): SizeResult {
  const joinOk = sum(raw.join.map((j) => j.ok))
  const connectOk = sum(raw.connect.map((c) => c.ok))
  return {
    size: raw.size,
    workers: raw.workers,
    rooms: raw.rooms,
    connect: {
      ok: connectOk,
      failed: sum(raw.connect.map((c) => c.failed)),
      retries: sum(raw.connect.map((c) => c.retries)),
      ...span(
        raw.connect.map((c) => c.startNs),
        raw.connect.map((c) => c.endNs),
        connectOk,
      ),
    },
    join: {
      ok: joinOk,
      failed: sum(raw.join.map((j) => j.failed)),
      errors: mergeCounts(raw.join.map((j) => j.errors)),
      ...span(
        raw.join.map((j) => j.firstSentNs),
        raw.join.map((j) => j.lastAckNs),
        joinOk,
      ),
    },
    steady: steadyFigures(raw),
    server: serverFigures(raw, raw.server.loaded.server.members),
  }
}
