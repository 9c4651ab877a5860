/** What every handler module shares: the typed Socket.IO server, room state and services. */
import type { Logger } from 'pino'
import type { Server, Socket } from 'socket.io'
import type { EventEmitter } from 'node:events'
import type {
  Admission,
  ClientToServerEvents,
  KnockOutcome,
  MediaState,
  Role,
  ServerToClientEvents,
} from '../protocol/index.js'
import type { ResolvedOptions } from './options.js'
import type { LocalSeat } from './rooms/seat-result.js'
import type { AddressLimiter } from './security/address-limits.js'
import type { HashSlots } from './security/hash-slots.js'
import type { ResumeTokens } from './security/resume-token.js'
import type { SocketLimiter } from './security/rate-limit.js'
import type { RoomState } from './state/types.js'

export interface SocketData {
  /** The client's address (security/client-address.ts), as the per-address limits count it. */
  address: string
  /** This connection's own event buckets (floods of chat or signals from one socket). */
  limiter: SocketLimiter
  /** The seat this socket holds, if any: its member id and room name, and the whole seat. */
  memberId: string | null
  room: string | null
  seat: LocalSeat | null
  /** Events of one socket are handled one after another, in the order they came. */
  queue: Promise<void>
}

/** A member's seat changed elsewhere (a host acted on it): the node holding it updates its copy. */
export interface SeatChange {
  room: string
  id: string
  role?: Role
  media?: MediaState
  /** The seat ended by a host's hand: the holder leaves the room and hears `room:removed`. */
  removedBy?: string
}

/** Between the nodes of one deployment (Redis adapter). */
export interface InterServerEvents {
  /** The public room list changed. */
  'noom:rooms-changed': () => void
  'noom:seat-changed': (change: SeatChange) => void
  /** A host answered a knock: the node holding the knocker settles its held join. */
  'noom:knock-answered': (answer: { id: string; admit: boolean }) => void
  /** The room's last seat ended: its waiting knocks are turned down. */
  'noom:room-emptied': (room: { name: string; key: string }) => void
}

/** What moderation did, for metrics (each counted once, by the node that did it). */
export interface TallyEvents {
  knock: [outcome: KnockOutcome]
  removal: []
  handover: []
  admission: [admission: Admission]
}
export type NoomServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>
export type NoomSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>

export interface ServerContext {
  readonly io: NoomServer
  /** Rooms, seats and chat: in this process, or shared by several nodes through Redis. */
  readonly state: RoomState
  readonly options: ResolvedOptions
  readonly log: Logger
  readonly tokens: ResumeTokens
  /** Limits per client address, on every node together (connections, joins, knocks, passwords). */
  readonly limits: AddressLimiter
  /** Password hashes running at once in this process. */
  readonly hashes: HashSlots
  /** Tells room-list watchers (on every node), coalesced, that the public rooms changed. */
  readonly roomsChanged: () => void
  /** Sends to this node and, with Redis, to every other node. */
  readonly cluster: Cluster
  readonly tally: EventEmitter<TallyEvents>
}

/** Events between the nodes of a deployment; on one node, between its parts. */
export interface Cluster {
  emit<E extends keyof InterServerEvents>(event: E, ...args: Parameters<InterServerEvents[E]>): void
  on<E extends keyof InterServerEvents>(event: E, listener: InterServerEvents[E]): void
}

/** Socket.IO room names: one per Noom room, one per member (for direct signals), one for watchers. */
export const channel = {
  room: (name: string) => `room:${name}`,
  member: (id: string) => `member:${id}`,
  /** The hosts of a room: they hear every knock. */
  hosts: (name: string) => `hosts:${name}`,
  watchers: 'watchers',
} as const
