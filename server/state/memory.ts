/**
 * RoomState in this process: a RoomRegistry plus the grace timers and the restart window. Every
 * method finishes its work before it returns its (already settled) promise, so with one node the
 * server behaves exactly as a synchronous one: no other connection's event runs in between.
 */
import type { ChatMessage, KnockRequest, RoomSummary } from '../../protocol/index.js'
import { RoomRegistry, type Member, type Removal, type Room } from '../rooms/registry.js'
import { actOn, configureRoom, info, record, takeKnock, turnToken } from './memory-hosts.js'
import type {
  ActOutcome,
  ConfigureOutcome,
  Departure,
  Expiry,
  HostAction,
  KnockTaken,
  RoomChange,
  RoomInfo,
  RoomState,
  RoomView,
  SeatOutcome,
  SeatRecord,
  SeatRequest,
  TakeOutcome,
  TokenTurn,
} from './types.js'

export class MemoryRoomState implements RoomState {
  readonly #registry: RoomRegistry
  readonly #graceMs: number
  readonly #startedAt = Date.now()
  readonly #graceTimers = new Map<string, NodeJS.Timeout>()
  /** Members who left since start, so their tokens cannot rebuild a seat in the restart window. */
  readonly #ended = new Set<string>()
  readonly #endedExpiry: NodeJS.Timeout
  readonly #expired: Array<(expiry: Expiry) => void> = []

  constructor(options: {
    capacity: number
    historySize: number
    historyMaxChars: number
    resumeGraceMs: number
  }) {
    this.#registry = new RoomRegistry(options)
    this.#graceMs = options.resumeGraceMs
    // Past the restart window no token can rebuild a seat, so the record of ended ones can go.
    this.#endedExpiry = setTimeout(() => this.#ended.clear(), options.resumeGraceMs)
    this.#endedExpiry.unref()
  }

  find(name: string): Promise<RoomInfo | null> {
    const room = this.#registry.get(name)
    return Promise.resolve(room ? info(room) : null)
  }

  view(name: string, key: string): Promise<RoomView | null> {
    const room = this.#registry.get(name)
    return Promise.resolve(room?.key === key ? view(room) : null)
  }

  seat({ mode, room: spec, member, holder }: SeatRequest): Promise<SeatOutcome> {
    return Promise.resolve(this.#seat(mode, spec, member, holder))
  }

  #seat(
    mode: SeatRequest['mode'],
    spec: RoomInfo,
    record: SeatRecord,
    holder: string,
  ): SeatOutcome {
    const changed = { kind: 'changed' } as const
    let room = this.#registry.get(spec.name)
    if (room && room.key !== spec.key && mode !== 'create') return changed
    const present = room?.members.get(record.id)
    switch (mode) {
      case 'create':
        if (room) return changed
        break
      case 'join':
        if (!room) return changed
        break
      case 'rebuild':
        if (present || !this.#inRestartWindow() || this.#ended.has(record.id)) return changed
        break
      case 'reassert':
        if (room && present) {
          if (present.socketId !== null && present.socketId !== holder) return changed
          this.#cancelGrace(record.id)
          present.socketId = holder
          return { kind: 'seated', view: view(room), added: false }
        }
        break
      default: {
        const unknown: never = mode
        throw new Error(`unknown seat mode ${String(unknown)}`)
      }
    }
    if (room && room.members.size >= room.capacity) return { kind: 'full', capacity: room.capacity }
    if (room && this.#registry.lookAlike(room, record.id, record.skeleton)) return { kind: 'taken' }
    room ??= this.#registry.create(spec.name, {
      visibility: spec.visibility,
      passwordHash: spec.passwordHash,
      admission: spec.admission,
      key: spec.key,
    })
    const member: Member = { ...record, media: { ...record.media }, socketId: holder }
    this.#registry.addMember(room, member)
    return { kind: 'seated', view: view(room), added: true }
  }

  take(
    name: string,
    key: string,
    id: string,
    tokens: TokenTurn,
    holder: string,
  ): Promise<TakeOutcome | null> {
    const room = this.#registry.get(name)
    const member = room?.key === key ? room.members.get(id) : undefined
    if (!room || !member || !turnToken(member, tokens)) return Promise.resolve(null)
    const previous = member.socketId
    this.#cancelGrace(id)
    member.socketId = holder
    return Promise.resolve({ view: view(room), member: record(member), previous })
  }

  away(name: string, id: string, holder: string): Promise<boolean> {
    const member = this.#registry.member(name, id)
    if (member?.socketId !== holder) return Promise.resolve(false)
    member.socketId = null
    const timer = setTimeout(() => {
      this.#graceTimers.delete(id)
      const room = this.#registry.get(name)
      if (room?.members.get(id)?.socketId !== null) return
      const departure = this.#removeMember(room, id)
      for (const listener of this.#expired) listener({ ...departure, id })
    }, this.#graceMs)
    timer.unref()
    this.#graceTimers.set(id, timer)
    return Promise.resolve(true)
  }

  remove(name: string, id: string): Promise<Departure | null> {
    const room = this.#registry.get(name)
    if (!room?.members.has(id)) return Promise.resolve(null)
    return Promise.resolve(this.#removeMember(room, id))
  }

  hasMember(name: string, id: string): Promise<boolean> {
    return Promise.resolve(this.#registry.member(name, id) !== undefined)
  }

  update(name: string, { id, media }: SeatRecord): Promise<void> {
    const member = this.#registry.member(name, id)
    if (member) member.media = { ...media }
    return Promise.resolve()
  }

  rename(name: string, id: string, nickname: string, skeleton: string): Promise<'ok' | 'taken'> {
    const room = this.#registry.get(name)
    const member = room?.members.get(id)
    if (!room || !member) return Promise.resolve('ok')
    if (this.#registry.lookAlike(room, id, skeleton)) return Promise.resolve('taken')
    member.nickname = nickname
    member.skeleton = skeleton
    return Promise.resolve('ok')
  }

  configure(name: string, key: string, actor: string, change: RoomChange) {
    const room = this.#registry.get(name)
    const outcome: ConfigureOutcome =
      room?.key === key ? configureRoom(room, actor, change) : { kind: 'forbidden' }
    return Promise.resolve(outcome)
  }

  act(name: string, actor: string, target: string, action: HostAction): Promise<ActOutcome> {
    const room = this.#registry.get(name)
    if (!room) return Promise.resolve({ kind: 'forbidden' })
    const remove = (id: string) => this.#removeMember(room, id)
    return Promise.resolve(actOn(room, actor, target, action, remove))
  }

  barred(name: string, address: string): Promise<boolean> {
    return Promise.resolve(this.#registry.get(name)?.barred.has(address) ?? false)
  }

  addKnock(spec: RoomInfo, knock: KnockRequest, max: number): Promise<'ok' | 'full' | 'changed'> {
    const room = this.#registry.get(spec.name)
    if (room?.key !== spec.key) return Promise.resolve('changed')
    if (room.knocks.size >= max) return Promise.resolve('full')
    room.knocks.set(knock.id, knock.nickname)
    return Promise.resolve('ok')
  }

  takeKnock(name: string, id: string, actor: string | null): Promise<KnockTaken> {
    const room = this.#registry.get(name)
    return Promise.resolve(
      room ? takeKnock(room, id, actor) : actor === null ? 'gone' : 'forbidden',
    )
  }

  knocks(name: string): Promise<KnockRequest[]> {
    const room = this.#registry.get(name)
    return Promise.resolve([...(room?.knocks ?? [])].map(([id, nickname]) => ({ id, nickname })))
  }

  addMessage(spec: RoomInfo, message: ChatMessage): Promise<void> {
    const room = this.#registry.get(spec.name)
    if (room?.key === spec.key) this.#registry.addMessage(room, message)
    return Promise.resolve()
  }

  publicRooms(max: number): Promise<RoomSummary[]> {
    return Promise.resolve(this.#registry.publicSummaries(max))
  }

  onExpired(listener: (expiry: Expiry) => void): void {
    this.#expired.push(listener)
  }

  /** One process never loses touch with its own memory. */
  onReconnected(): void {}

  /** Knocks end with their connections, in this one process. */
  onKnockLost(): void {}

  ready(): boolean {
    return true
  }

  stats(): { rooms: number; members: number } {
    return { rooms: this.#registry.size, members: this.#registry.memberCount }
  }

  close(): Promise<void> {
    clearTimeout(this.#endedExpiry)
    for (const timer of this.#graceTimers.values()) clearTimeout(timer)
    this.#graceTimers.clear()
    return Promise.resolve()
  }

  /** Ends a seat known to be in `room`. */
  #removeMember(room: Room, id: string): Departure {
    this.#cancelGrace(id)
    const removal = this.#registry.removeMember(room.name, id) as Removal
    if (this.#inRestartWindow()) this.#ended.add(id)
    const promoted = removal.promoted && record(removal.promoted)
    return { room: info(room), promoted, emptied: removal.emptied }
  }

  #inRestartWindow(): boolean {
    return Date.now() - this.#startedAt < this.#graceMs
  }

  #cancelGrace(id: string): void {
    clearTimeout(this.#graceTimers.get(id))
    this.#graceTimers.delete(id)
  }
}

function view(room: Room): RoomView {
  return {
    room: info(room),
    members: [...room.members.values()].map(record),
    history: [...room.history],
  }
}
