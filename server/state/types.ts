/**
 * RoomState: everything the server knows about rooms, seats and recent chat, behind one async
 * interface with two implementations. `MemoryRoomState` keeps it in this process (the default, one
 * node); `RedisRoomState` keeps it in Redis so that several nodes behind a load balancer share rooms.
 *
 * Every method that changes state is atomic on its own (one Lua script in Redis), so the rules that
 * span nodes — capacity, "the first joiner creates the room", a seat held by one connection, a
 * grace period that ends exactly once — never depend on two calls not interleaving. Handlers hold a
 * `LocalSeat` per connection (see rooms/seats.ts) and ask the state only what they cannot know alone.
 */
import type {
  Admission,
  ChatMessage,
  KnockRequest,
  MediaKind,
  MediaState,
  Participant,
  RoomInfo as RoomDetails,
  RoomSummary,
  Role,
  Visibility,
} from '../../protocol/index.js'

/** A room's settings: its creator's choice, which its hosts may change (`room:update`). */
export interface RoomInfo {
  readonly name: string
  /** Differs between two rooms of the same name that existed at different times. */
  readonly key: string
  readonly visibility: Visibility
  /** scrypt hash of the room's password, or null for an open room. */
  readonly passwordHash: string | null
  readonly capacity: number
  readonly admission: Admission
}

/** A resume's token change: the token presented, the one replacing it, and the retry window. */
export interface TokenTurn {
  presented: string
  next: string
  retryMs: number
}

/** A seat as the state keeps it (which connection holds it is the state's business). */
export interface SeatRecord {
  readonly id: string
  nickname: string
  media: MediaState
  /** The seat's current resume token: each resume replaces it (it resumes once). */
  token: string
  /** The token a resume just used, still good until `retryUntil` (ms) for a retry of a lost ack. */
  retryToken?: string
  retryUntil?: number
  role: Role
  /** The client address that took the seat: a removed member's address knocks from then on. */
  readonly address: string
  /** UTS #39 skeleton of the nickname: no two members of a room share one. */
  skeleton: string
}

/** What ending a seat did to its room. */
export interface Departure {
  /** The room as it was. */
  readonly room: RoomInfo
  /** The member who became host because the last host's seat ended, if any. */
  readonly promoted: SeatRecord | null
  /** The seat was the room's last: the room (and its waiting knocks) is gone. */
  readonly emptied: boolean
}

/** A change of a room's settings (`room:update`, with the password already hashed). */
export interface RoomChange {
  readonly admission?: Admission
  readonly visibility?: Visibility
  readonly passwordHash?: string | null
}

/** What a host does to another member of its room. */
export type HostAction =
  | { readonly kind: 'remove' }
  | { readonly kind: 'mute'; readonly media: MediaKind }
  | { readonly kind: 'promote' }

export type ActOutcome =
  /** The actor holds no seat in the room, or is not a host there. */
  | { readonly kind: 'forbidden' }
  /** The target is not another member of the actor's room. */
  | { readonly kind: 'unknown' }
  /** Done; `target` is the member as it now is (as it was, for a removal). */
  | { readonly kind: 'done'; readonly target: SeatRecord; readonly departure: Departure | null }

export type ConfigureOutcome =
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'done'; readonly room: RoomInfo; readonly participants: number }

/** A room as a joiner sees it: its settings, its members in the order they took their seats, its chat. */
export interface RoomView {
  readonly room: RoomInfo
  readonly members: readonly SeatRecord[]
  readonly history: readonly ChatMessage[]
}

/**
 * How `seat` treats the room named in the request:
 * - `create`: the room must not exist; it is made from the request (the first joiner);
 * - `join`: the room must exist with the request's key (it was not removed and made again meanwhile);
 * - `rebuild`: a resume the state no longer knows (a restarted server, or Redis that lost its data):
 *   the room is made again with the request's key if missing; refused outside the rebuild window
 *   (the first grace period after the state began), for a seat that ended since, or one still held;
 * - `reassert`: a node puts back a seat it still holds after losing touch with Redis; a seat still
 *   there is kept (and taken back from its grace period), one held elsewhere is refused.
 */
export type SeatMode = 'create' | 'join' | 'rebuild' | 'reassert'

export interface SeatRequest {
  readonly mode: SeatMode
  readonly room: RoomInfo
  readonly member: SeatRecord
  /** The socket id taking the seat. */
  readonly holder: string
}

export type SeatOutcome =
  /** `added` is false when `reassert` found the seat still in place. */
  | { readonly kind: 'seated'; readonly view: RoomView; readonly added: boolean }
  | { readonly kind: 'full'; readonly capacity: number }
  /** Another member's nickname has the same skeleton. */
  | { readonly kind: 'taken' }
  /** The room is not as the mode requires (see SeatMode): look again and retry, or give up. */
  | { readonly kind: 'changed' }

export interface TakeOutcome {
  readonly view: RoomView
  readonly member: SeatRecord
  /** The socket id that held the seat until now, or null when the seat was in its grace period. */
  readonly previous: string | null
}

/** A seat whose grace period ended: its room is told once, by whichever node noticed. */
export interface Expiry extends Departure {
  readonly id: string
}

/** Who waits at a room's door: answered by `takeKnock`, once. */
export type KnockTaken = 'forbidden' | 'gone' | { readonly nickname: string }

export interface RoomState {
  /** The room of that name, or null. */
  find(name: string): Promise<RoomInfo | null>
  /** The room with that name and key, with its members and chat; null when it is gone. */
  view(name: string, key: string): Promise<RoomView | null>
  /** Seats a member (see SeatMode), checking the room's capacity, all in one step. */
  seat(request: SeatRequest): Promise<SeatOutcome>
  /**
   * Gives a seat to `holder` when the presented token is the seat's current one (or the one just
   * used, within its retry window), making `next` the seat's token in the same step; null when there
   * is no such seat or the token is spent.
   */
  take(
    name: string,
    key: string,
    id: string,
    tokens: TokenTurn,
    holder: string,
  ): Promise<TakeOutcome | null>
  /** Starts the grace period of a seat `holder` still holds; false when it holds it no longer. */
  away(name: string, id: string, holder: string): Promise<boolean>
  /** Ends a seat at once, handing the host role on if need be; null when there was no seat. */
  remove(name: string, id: string): Promise<Departure | null>
  /** Whether `id` holds a seat (connected or in its grace period) in the room `name`. */
  hasMember(name: string, id: string): Promise<boolean>
  /** Stores a member's new media state (its role and nickname stay as the state has them). */
  update(name: string, member: SeatRecord): Promise<void>
  /** Renames a member unless another's nickname has the same skeleton. */
  rename(name: string, id: string, nickname: string, skeleton: string): Promise<'ok' | 'taken'>
  /** Changes the room's settings if `actor` is one of its hosts. */
  configure(name: string, key: string, actor: string, change: RoomChange): Promise<ConfigureOutcome>
  /** Does what a host asks to another member of its room, checking both in one step. */
  act(name: string, actor: string, target: string, action: HostAction): Promise<ActOutcome>
  /** Whether a member removed from the room (while it lives) took its seat from `address`. */
  barred(name: string, address: string): Promise<boolean>
  /** Puts a knock in the room's queue (`node`: who holds the knocker); bounded by `max`. */
  addKnock(room: RoomInfo, knock: KnockRequest, max: number): Promise<'ok' | 'full' | 'changed'>
  /** Takes a knock out of the queue: by a host (`actor`), or by its own node (null) to end it. */
  takeKnock(name: string, id: string, actor: string | null): Promise<KnockTaken>
  /** The knocks waiting at the room's door, oldest first. */
  knocks(name: string): Promise<KnockRequest[]>
  /** Appends to the room's recent chat, keeping the newest within LIMITS (count and characters). */
  addMessage(room: RoomInfo, message: ChatMessage): Promise<void>
  /** Public rooms, fullest first then by name, at most `max`. */
  publicRooms(max: number): Promise<RoomSummary[]>
  /** Listens for grace periods that ended; each is reported on one node only. */
  onExpired(listener: (expiry: Expiry) => void): void
  /**
   * Listens for the state coming back after it was unreachable (Redis only): the node then puts back
   * the seats it holds, in case Redis lost them or gave them up while the node was out of touch.
   */
  onReconnected(listener: () => void): void
  /**
   * Listens for knocks whose node died (Redis only): their knockers' connections are gone, so they
   * end as withdrawn; each is reported on one node only.
   */
  onKnockLost(listener: (room: string, id: string) => void): void
  /** False while the shared state cannot be reached (always true in memory): /readyz reports it. */
  ready(): boolean
  /** Rooms and seats this node holds (all of them in memory; its own connections' with Redis). */
  stats(): { rooms: number; members: number }
  /** Stops timers and, with Redis, hands this node's seats to their grace period and disconnects. */
  close(): Promise<void>
}

export function toParticipant(member: SeatRecord): Participant {
  return { id: member.id, nickname: member.nickname, media: { ...member.media }, role: member.role }
}

export function summarize(room: RoomInfo, participants: number): RoomSummary {
  return {
    name: room.name,
    participants,
    capacity: room.capacity,
    locked: room.passwordHash !== null,
    admission: room.admission,
  }
}

/** The room as its members see it (the join ack's `room`, `room:updated`). */
export function describeRoom(room: RoomInfo, participants: number): RoomDetails {
  return { ...summarize(room, participants), visibility: room.visibility }
}

/** Public rooms, fullest first then by name (plain code-unit order, the same on every node). */
export function sortSummaries(rooms: RoomSummary[], max: number): RoomSummary[] {
  rooms.sort((a, b) => b.participants - a.participants || (a.name < b.name ? -1 : 1))
  return rooms.slice(0, max)
}
