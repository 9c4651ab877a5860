/**
 * Room data in memory: rooms by name, members by id, recent chat. Plain synchronous data with no
 * sockets or timers, so every rule here is unit-tested directly; MemoryRoomState (state/memory.ts)
 * builds the one-node RoomState on it. The first joiner creates a room; the last one to go removes it.
 */
import { randomUUID } from 'node:crypto'
import type { Admission, ChatMessage, RoomSummary, Visibility } from '../../protocol/index.js'
import { sortSummaries, summarize, type SeatRecord } from '../state/types.js'

export interface Member extends SeatRecord {
  /** The socket currently holding this seat; null while the member is away (within its grace). */
  socketId: string | null
}

export interface Room {
  readonly name: string
  /** Differs between two rooms of the same name that existed at different times. */
  readonly key: string
  visibility: Visibility
  /** scrypt hash of the room's password, or null for an open room. */
  passwordHash: string | null
  admission: Admission
  readonly capacity: number
  /** In the order they took their seats: the first is the longest-seated. */
  readonly members: Map<string, Member>
  readonly history: ChatMessage[]
  /** Addresses of members removed by a host: their joins knock while the room lives. */
  readonly barred: Set<string>
  /** Knocks waiting at the door, oldest first: knock id → nickname. */
  readonly knocks: Map<string, string>
}

/** What removing a member did: see Departure in state/types.ts. */
export interface Removal {
  room: Room
  promoted: Member | null
  emptied: boolean
}

export interface RoomSpec {
  visibility: Visibility
  passwordHash: string | null
  admission: Admission
  /** Given when a room is rebuilt from a resume token, so the token's holders recognise it. */
  key?: string
}

export class RoomRegistry {
  readonly #rooms = new Map<string, Room>()
  readonly #capacity: number
  readonly #historySize: number
  readonly #historyMaxChars: number

  constructor(options: { capacity: number; historySize: number; historyMaxChars: number }) {
    this.#capacity = options.capacity
    this.#historySize = options.historySize
    this.#historyMaxChars = options.historyMaxChars
  }

  get(name: string): Room | undefined {
    return this.#rooms.get(name)
  }

  get size(): number {
    return this.#rooms.size
  }

  /** Members across every room. */
  get memberCount(): number {
    let count = 0
    for (const room of this.#rooms.values()) count += room.members.size
    return count
  }

  /** Creates an empty room. The caller adds its first member at once; empty rooms do not last. */
  create(name: string, spec: RoomSpec): Room {
    if (this.#rooms.has(name)) throw new Error(`room ${name} exists`)
    const room: Room = {
      name,
      key: spec.key ?? randomUUID(),
      visibility: spec.visibility,
      passwordHash: spec.passwordHash,
      admission: spec.admission,
      capacity: this.#capacity,
      members: new Map(),
      history: [],
      barred: new Set(),
      knocks: new Map(),
    }
    this.#rooms.set(name, room)
    return room
  }

  /**
   * Seats `member` in `room`, or answers 'full' (or 'taken': a look-alike nickname) and changes
   * nothing. A room always has a host: a member seated in a room without one becomes its host.
   */
  addMember(room: Room, member: Member): 'ok' | 'full' | 'taken' {
    if (room.members.size >= room.capacity) return 'full'
    if (this.lookAlike(room, member.id, member.skeleton)) return 'taken'
    if (![...room.members.values()].some((m) => m.role === 'host')) member.role = 'host'
    room.members.set(member.id, member)
    return 'ok'
  }

  /** Whether a member other than `id` has a nickname with this skeleton. */
  lookAlike(room: Room, id: string, skeleton: string): boolean {
    return [...room.members.values()].some((m) => m.id !== id && m.skeleton === skeleton)
  }

  /**
   * Removes a member; a room left empty is removed too, with its knocks. When the last host goes,
   * the longest-seated member becomes host. Undefined when the member is unknown.
   */
  removeMember(roomName: string, id: string): Removal | undefined {
    const room = this.#rooms.get(roomName)
    const gone = room?.members.get(id)
    if (!room || !gone) return undefined
    room.members.delete(id)
    if (room.members.size === 0) {
      this.#rooms.delete(roomName)
      return { room, promoted: null, emptied: true }
    }
    const members = [...room.members.values()]
    const heir = gone.role === 'host' && !members.some((m) => m.role === 'host') ? members[0] : null
    if (heir) heir.role = 'host'
    return { room, promoted: heir ?? null, emptied: false }
  }

  member(roomName: string, id: string): Member | undefined {
    return this.#rooms.get(roomName)?.members.get(id)
  }

  /** Keeps the newest messages: at most `historySize`, and at most `historyMaxChars` of text. */
  addMessage(room: Room, message: ChatMessage): void {
    room.history.push(message)
    let chars = 0
    let keep = 0
    for (let i = room.history.length - 1; i >= 0 && keep < this.#historySize; i--) {
      chars += room.history[i]?.text.length ?? 0
      if (chars > this.#historyMaxChars) break
      keep++
    }
    room.history.splice(0, room.history.length - keep)
  }

  /** Public rooms, fullest first then by name, at most `max` of them. Private rooms never appear. */
  publicSummaries(max: number): RoomSummary[] {
    const rooms: RoomSummary[] = []
    for (const room of this.#rooms.values()) {
      if (room.visibility === 'public') rooms.push(summarize(room, room.members.size))
    }
    return sortSummaries(rooms, max)
  }
}
