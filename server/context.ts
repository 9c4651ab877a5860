/** What every handler module shares: the typed Socket.IO server, room state and services. */
import type { Logger } from 'pino'
import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/index.js'
import type { ResolvedOptions } from './options.js'
import type { RoomRegistry } from './rooms/registry.js'
import type { ResumeTokens } from './security/resume-token.js'
import type { RateLimiter } from './security/rate-limit.js'

export interface SocketData {
  /** The client's address, as counted by the per-address connection cap. */
  address: string
  limiter: RateLimiter
  /** The seat this socket holds, if any. */
  memberId: string | null
  room: string | null
  /** Events of one socket are handled one after another, in the order they came. */
  queue: Promise<void>
}

type InterServerEvents = Record<string, never>
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
  readonly registry: RoomRegistry
  readonly options: ResolvedOptions
  readonly log: Logger
  readonly tokens: ResumeTokens
  /** Tells room-list watchers, coalesced, that the public rooms changed. */
  readonly roomsChanged: () => void
}

/** Socket.IO room names: one per Noom room, one per member (for direct signals), one for watchers. */
export const channel = {
  room: (name: string) => `room:${name}`,
  member: (id: string) => `member:${id}`,
  watchers: 'watchers',
} as const
