/**
 * IPC messages between the bench (parent), its server child and its client workers. Children are
 * forked with `serialization: 'advanced'` so bigint timestamps cross the channel intact.
 */

/** One room of the plan: its name and members, some of whom talk in the steady phase. */
export interface RoomPlan {
  name: string
  members: { nickname: string; talker: boolean }[]
}

// ── server child ────────────────────────────────────────────────────────────────────────────────

export type ToServer = { type: 'stats' } | { type: 'close' }

export interface ServerStats {
  /** process.memoryUsage() after a full GC (when --expose-gc is on), in bytes. */
  memory: NodeJS.MemoryUsage
  gcRan: boolean
  /** process.cpuUsage() since the child started, in microseconds. */
  cpu: NodeJS.CpuUsage
  /** Event-loop delay (beyond the sampling interval) since the previous stats request, in ms. */
  loopDelay: { p50: number; p99: number; max: number }
  server: { sockets: number; rooms: number; members: number }
}

export type FromServer =
  | { type: 'ready'; port: number }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'closed' }
  | { type: 'error'; message: string }

// ── client workers ──────────────────────────────────────────────────────────────────────────────

export interface SteadySpec {
  durationMs: number
  /** Time after the last send for answers still on the wire. */
  drainMs: number
  signalIntervalMs: number
  chatIntervalMs: number
}

export type ToWorker =
  | { type: 'connect'; url: string; rooms: RoomPlan[]; concurrency: number }
  | { type: 'join'; window: number }
  | { type: 'steady'; spec: SteadySpec }
  | { type: 'close' }

export interface ConnectResult {
  ok: number
  failed: number
  /** Connect attempts beyond the first, across all sockets. */
  retries: number
  startNs: bigint
  endNs: bigint
}

export interface JoinResult {
  ok: number
  failed: number
  /** Failed joins by error code (or 'timeout' / 'disconnected'). */
  errors: Record<string, number>
  firstSentNs: bigint
  lastAckNs: bigint
}

/** What one worker saw of one kind of relayed message during the steady phase. */
export interface RelayResult {
  sent: number
  acked: number
  /** Acks that were `ok: false` or never came, by code. */
  errors: Record<string, number>
  received: number
  /** Receive time − send time of every relayed message, in ms. */
  latenciesMs: number[]
}

export interface SteadyResult {
  talkers: number
  members: number
  signal: RelayResult
  chat: RelayResult
  /** Sockets that disconnected during the phase. */
  disconnects: number
  /** This worker's CPU time during the phase, in microseconds. */
  cpuMicros: number
  /** This worker's event-loop delay (beyond the sampling interval) during the phase, in ms. */
  loopDelayMs: { p50: number; p99: number; max: number }
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'connected'; result: ConnectResult }
  | { type: 'joined'; result: JoinResult }
  | { type: 'steadied'; result: SteadyResult }
  | { type: 'closed' }
  | { type: 'error'; message: string }
