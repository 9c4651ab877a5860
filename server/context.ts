/** What every handler module shares: the typed Socket.IO server, room state and services. */
import type { Logger } from 'pino'
import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/index.js'
import type { ResolvedOptions } from './options.js'
import type { LocalSeat } from './rooms/seat-result.js'
import type { ResumeTokens } from './security/resume-token.js'
import type { RateLimiter } from './security/rate-limit.js'
import type { RoomState } from './state/types.js'

export interface SocketData {
  /** The client's address, as counted by the per-address connection cap. */
  address: string
  limiter: RateLimiter
  /** The seat this socket holds, if any: its member id and room name, and the whole seat. */
  memberId: string | null
  room: string | null
  seat: LocalSeat | null
  /** Events of one socket are handled one after another, in the order they came. */
  queue: Promise<void>
}

/** Between the nodes of one deployment (Redis adapter): the public room list changed. */
export interface InterServerEvents {
  'noom:rooms-changed': () => void
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
  /** Tells room-list watchers (on every node), coalesced, that the public rooms changed. */
  readonly roomsChanged: () => void
}

/** Socket.IO room names: one per Noom room, one per member (for direct signals), one for watchers. */
export const channel = {
  room: (name: string) => `room:${name}`,
  member: (id: string) => `member:${id}`,
  watchers: 'watchers',
} as const
