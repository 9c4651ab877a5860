/**
 * RoomState in Redis, shared by every node of a deployment. Each change is one Lua script
 * (redis-scripts.ts), so two nodes can never both take the last place in a room or both end one
 * grace period.
 *
 * Presence: each seat records the node and socket holding it. Nodes beat every second; a node
 * silent for NODE_TTL_MS is taken for dead by whichever node sweeps next, and its seats start their
 * grace period then. Every node sweeps every second (and when one of its own grace periods is due),
 * and the sweep that ends a seat is the one whose node announces it: once.
 */
import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import {
  LIMITS,
  type ChatMessage,
  type KnockRequest,
  type RoomSummary,
} from '../../protocol/index.js'
import type { RedisConnection } from './redis-connection.js'
import { SCRIPTS, type ScriptName } from './redis-scripts.js'
import {
  decodeDeparture,
  decodeInfo,
  decodePublicRooms,
  decodeView,
  encodeRecord,
  type Reply,
} from './redis-codec.js'
import * as hosts from './redis-hosts.js'
import {
  sortSummaries,
  type Departure,
  type Expiry,
  type HostAction,
  type KnockTaken,
  type RoomChange,
  type RoomInfo,
  type RoomState,
  type RoomView,
  type SeatOutcome,
  type SeatRecord,
  type SeatRequest,
  type TakeOutcome,
  type TokenTurn,
} from './types.js'

const PREFIX = 'noom:'
const HEARTBEAT_MS = 1_000
/** A node that has not beaten for this long is gone; its seats start their grace period. */
const NODE_TTL_MS = 5_000
const SWEEP_MS = 1_000
/** Seats ended per sweep, so one script never holds Redis for long. */
const SWEEP_BATCH = 200

export class RedisRoomState implements RoomState {
  readonly #redis: RedisConnection
  readonly #log: Logger
  readonly #graceMs: number
  /** This process's name among the nodes (random: a restarted process is a new node). */
  readonly #node = randomBytes(9).toString('base64url')
  /** Seats held by this node's connections: member id → room name (for stats). */
  readonly #held = new Map<string, string>()
  readonly #expired: Array<(expiry: Expiry) => void> = []
  readonly #reconnected: Array<() => void> = []
  readonly #knocksLost: Array<(room: string, id: string) => void> = []
  readonly #script: hosts.Run = (script, ...args) => this.#run(script, ...args)
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #loops: NodeJS.Timeout[]
  #beating = false
  #connectedBefore = false
  #closed = false

  constructor(redis: RedisConnection, options: { resumeGraceMs: number; log: Logger }) {
    this.#redis = redis
    this.#log = options.log
    this.#graceMs = options.resumeGraceMs
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      redis.commands.defineCommand(`noom${name}`, { numberOfKeys: 0, lua })
    }
    redis.commands.on('ready', () => void this.#connected())
    this.#loops = [
      setInterval(() => void this.#beat(), HEARTBEAT_MS),
      setInterval(() => void this.#sweep(), SWEEP_MS),
    ]
    for (const loop of this.#loops) loop.unref()
  }

  async find(name: string): Promise<RoomInfo | null> {
    const reply = await this.#redis.commands.hmget(
      `${PREFIX}room:${name}`,
      'key',
      'visibility',
      'pw',
      'capacity',
      'admission',
    )
    return reply[0] ? decodeInfo(name, reply) : null
  }

  async view(name: string, key: string): Promise<RoomView | null> {
    const reply = (await this.#run('VIEW', name, key)) as Reply[]
    return reply.length > 0 ? decodeView(name, reply) : null
  }

  async seat({ mode, room, member, holder }: SeatRequest): Promise<SeatOutcome> {
    const reply = (await this.#run(
      'SEAT',
      mode,
      room.name,
      room.key,
      room.visibility,
      room.passwordHash ?? '',
      room.capacity,
      member.id,
      encodeRecord(member),
      this.#holder(holder),
      room.admission,
    )) as Reply[]
    if (reply[0] === 'changed') return { kind: 'changed' }
    if (reply[0] === 'taken') return { kind: 'taken' }
    if (reply[0] === 'full') return { kind: 'full', capacity: Number(reply[1]) }
    this.#held.set(member.id, room.name)
    return {
      kind: 'seated',
      added: reply[1] === 1,
      view: decodeView(room.name, reply[2] as Reply[]),
    }
  }

  async take(name: string, key: string, id: string, turn: TokenTurn, holder: string) {
    const { presented, next, retryMs } = turn
    const args = [name, key, id, presented, next, String(retryMs), this.#holder(holder)]
    const reply = (await this.#run('TAKE', ...args)) as Reply[]
    if (reply.length === 0) return null
    this.#held.set(id, name)
    const view = decodeView(name, reply[1] as Reply[])
    const member = view.members.find((m) => m.id === id)
    if (!member) throw new Error('taken seat missing from its room')
    const previous = String(reply[0])
    // The holder is "<node> <socket id>"; Socket.IO needs only the socket id, on any node.
    const socket = previous === '' ? null : (previous.split(' ')[1] ?? null)
    return { view, member, previous: socket } satisfies TakeOutcome
  }

  async away(name: string, id: string, holder: string): Promise<boolean> {
    this.#held.delete(id)
    const started = (await this.#run('AWAY', name, id, this.#holder(holder))) === 1
    // This node sweeps when the period is due, rather than up to a sweep interval later.
    if (started) this.#later(this.#graceMs + 10, () => void this.#sweep())
    return started
  }

  async remove(name: string, id: string): Promise<Departure | null> {
    this.#held.delete(id)
    const reply = (await this.#run('REMOVE', name, id)) as Reply[]
    return reply.length > 0 ? decodeDeparture(name, reply) : null
  }

  hasMember = async (name: string, id: string) =>
    (await this.#redis.commands.hexists(`${PREFIX}members:${name}`, id)) === 1
  update = async (name: string, member: SeatRecord) =>
    void (await this.#run('UPDATE', name, member.id, encodeRecord(member)))

  // v1.1's host actions and knocks: one script each (redis-hosts.ts).
  rename = (name: string, id: string, nickname: string, skeleton: string) =>
    hosts.rename(this.#script, name, id, nickname, skeleton)
  configure = (name: string, key: string, actor: string, change: RoomChange) =>
    hosts.configure(this.#script, name, key, actor, change)
  addKnock = (room: RoomInfo, knock: KnockRequest, max: number) =>
    hosts.addKnock(this.#script, this.#node, room, knock, max)
  takeKnock = (name: string, id: string, actor: string | null): Promise<KnockTaken> =>
    hosts.takeKnock(this.#script, name, id, actor)

  async act(name: string, actor: string, target: string, action: HostAction) {
    const outcome = await hosts.act(this.#script, name, actor, target, action)
    if (outcome.kind === 'done' && outcome.departure) this.#held.delete(target)
    return outcome
  }

  barred = async (name: string, address: string) =>
    (await this.#redis.commands.sismember(`${PREFIX}barred:${name}`, address)) === 1
  knocks = async (name: string): Promise<KnockRequest[]> =>
    hosts.decodeKnocks(await this.#redis.commands.hgetall(`${PREFIX}knocks:${name}`))
  onKnockLost = (listener: (room: string, id: string) => void) =>
    void this.#knocksLost.push(listener)

  async addMessage(room: RoomInfo, message: ChatMessage): Promise<void> {
    const entry = `${message.text.length}|${JSON.stringify(message)}`
    await this.#run(
      'MESSAGE',
      room.name,
      room.key,
      entry,
      message.text.length,
      LIMITS.historySize,
      LIMITS.historyMaxChars,
    )
  }

  async publicRooms(max: number): Promise<RoomSummary[]> {
    const reply = (await this.#run('PUBLIC_ROOMS')) as Reply[][]
    const rooms = decodePublicRooms(reply)
    return sortSummaries(rooms, max)
  }

  onExpired = (listener: (expiry: Expiry) => void) => void this.#expired.push(listener)
  onReconnected = (listener: () => void) => void this.#reconnected.push(listener)

  ready(): boolean {
    return this.#beating && this.#redis.ready()
  }

  stats(): { rooms: number; members: number } {
    return { rooms: new Set(this.#held.values()).size, members: this.#held.size }
  }

  /**
   * Hands every seat still held here to its grace period, so members resume on another node, then
   * closes the connections. Seats dropped as the server closed its connections were sent first on
   * the same connection, so Redis sees them before this.
   */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const loop of this.#loops) clearInterval(loop)
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    await this.#run('RETIRE', this.#node).catch((err: unknown) =>
      this.#log.warn({ err }, 'could not hand this node’s seats over'),
    )
    await this.#redis.close()
  }

  /** A (re)connection: mark the node alive; after an outage, put back what this node holds. */
  async #connected(): Promise<void> {
    await this.#beat()
    if (!this.#connectedBefore) {
      this.#connectedBefore = true
      return
    }
    try {
      // Out of touch, this node may have been taken for dead, and Redis may even have restarted
      // empty. Hand every seat to its grace period, then each connection still here takes its
      // own back (Seats' reassert); seats left over end after their grace period.
      await this.#run('RETIRE', this.#node)
      await this.#beat()
      for (const listener of this.#reconnected) listener()
    } catch (err) {
      this.#log.warn({ err }, 'could not put this node’s seats back')
    }
  }

  async #beat(): Promise<void> {
    try {
      await this.#run('HEARTBEAT', this.#node)
      this.#beating = true
    } catch (err) {
      if (this.#beating) this.#log.debug({ err }, 'heartbeat failed')
      this.#beating = false
    }
  }

  async #sweep(): Promise<void> {
    if (this.#closed) return
    let reply: hosts.SweepReply
    try {
      reply = (await this.#run('SWEEP', NODE_TTL_MS, SWEEP_BATCH)) as hosts.SweepReply
    } catch (err) {
      return this.#log.debug({ err }, 'sweep failed')
    }
    hosts.announceSweep(reply, this.#expired, this.#knocksLost)
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      run()
    }, ms)
    timer.unref()
    this.#timers.add(timer)
  }

  #holder(socketId: string): string {
    return `${this.#node} ${socketId}`
  }

  #run(script: ScriptName, ...args: Array<string | number>): Promise<unknown> {
    const commands = this.#redis.commands as unknown as Record<
      string,
      (...args: Array<string | number>) => Promise<unknown>
    >
    const command = commands[`noom${script}`]
    if (!command) throw new Error(`script ${script} not defined`)
    return command.call(this.#redis.commands, PREFIX, this.#graceMs, ...args)
  }
}
