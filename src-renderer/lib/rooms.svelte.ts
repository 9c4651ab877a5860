import { io, type Socket } from 'socket.io-client'
import type {
  AckCallback,
  ClientToServerEvents,
  Empty,
  RoomSummary,
  RoomsWatchResult,
  ServerToClientEvents,
} from '../../protocol/index.js'

/** Where the lobby's connection to the rendezvous server stands. */
export type RoomsStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'unreachable' }
  | { kind: 'refused'; message: string }

/**
 * The part of a Socket.IO client socket the store uses. A real
 * `Socket<ServerToClientEvents, ClientToServerEvents>` satisfies it; tests pass a small fake.
 */
export interface RoomsSocket {
  on(event: 'connect' | 'disconnect', listener: () => void): unknown
  on(event: 'connect_error', listener: (error: Error) => void): unknown
  on(event: 'rooms:changed', listener: (rooms: RoomSummary[]) => void): unknown
  emit(event: 'rooms:watch', payload: Empty, ack: AckCallback<RoomsWatchResult>): unknown
  connect(): unknown
  disconnect(): unknown
}

/** The public room list of the server that served the page, kept live while started. */
export class RoomsStore {
  #rooms = $state.raw<readonly RoomSummary[]>([])
  #status = $state.raw<RoomsStatus>({ kind: 'connecting' })
  readonly #socket: RoomsSocket
  readonly #origin: string

  constructor(socket: RoomsSocket, origin: string) {
    this.#socket = socket
    this.#origin = origin
    // Watch again on every (re)connect: the server forgets watchers with their connection.
    socket.on('connect', () => this.#watch())
    socket.on('disconnect', () => (this.#status = { kind: 'connecting' }))
    socket.on('connect_error', () => (this.#status = { kind: 'unreachable' }))
    socket.on('rooms:changed', (rooms) => (this.#rooms = rooms))
  }

  get rooms(): readonly RoomSummary[] {
    return this.#rooms
  }

  get status(): RoomsStatus {
    return this.#status
  }

  /** One line telling the user where the connection stands. */
  get statusText(): string {
    const status = this.#status
    switch (status.kind) {
      case 'connecting':
        return 'Connecting…'
      case 'connected':
        return 'Connected'
      case 'unreachable':
        return `Can't reach the Noom server at ${this.#origin}. Is it running?`
      case 'refused':
        return `The Noom server at ${this.#origin} refused the room list: ${status.message}`
      default: {
        const unhandled: never = status
        return unhandled
      }
    }
  }

  start(): void {
    this.#status = { kind: 'connecting' }
    this.#socket.connect()
  }

  stop(): void {
    this.#socket.disconnect()
  }

  #watch(): void {
    this.#socket.emit('rooms:watch', {}, (ack) => {
      if (ack.ok) {
        this.#rooms = ack.rooms
        this.#status = { kind: 'connected' }
      } else {
        this.#status = { kind: 'refused', message: ack.error.message }
      }
    })
  }
}

/** A store for the server that served this page, over WebSocket only (no long-polling fallback). */
export function createRoomsStore(origin: string = window.location.origin): RoomsStore {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    transports: ['websocket'],
    autoConnect: false,
  })
  return new RoomsStore(socket, origin)
}
