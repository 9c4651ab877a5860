/**
 * The lobby's list of public rooms on the chosen server, over a connection of its own. What the
 * server sends is checked by engine/inbound.ts before the list takes it.
 */
import { io, type Socket } from 'socket.io-client'
import type {
  ClientToServerEvents,
  ConnectErrorCode,
  RoomSummary,
  ServerToClientEvents,
} from '../../protocol/index.js'
import { connectRefusal } from '../engine/connect-error.js'
import { Inbound, type Warn } from '../engine/inbound.js'
import type { Translatable } from '../i18n/locale.js'

/** Where the lobby's connection to the chosen rendezvous server stands. */
export type RoomsStatus =
  | { kind: 'idle' } // no server chosen
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'unreachable' }
  /** The server turned the connection (`code`) or the watch (`code` null, its `message`) down. */
  | { kind: 'refused'; code: ConnectErrorCode | null; message: string }

/** The part of a Socket.IO client socket, typed by protocol's event maps, that the store uses. */
export type RoomsSocket = Pick<
  Socket<ServerToClientEvents, ClientToServerEvents>,
  'on' | 'emit' | 'connect' | 'disconnect'
>

export type RoomsSocketFactory = (serverUrl: string) => RoomsSocket

/** The lobby's status line for `status`, as an i18n key and its parameters. */
export function roomsStatusMessage(status: RoomsStatus, server: string): Translatable {
  switch (status.kind) {
    case 'idle':
      return { key: 'lobby.status.idle' }
    case 'connecting':
      return { key: 'lobby.status.connecting', params: { server } }
    case 'connected':
      return { key: 'lobby.status.connected', params: { server } }
    case 'unreachable':
      return { key: 'lobby.status.unreachable', params: { server } }
    case 'refused':
      switch (status.code) {
        case 'origin_not_allowed':
          return { key: 'lobby.status.originRefused', params: { server } }
        case 'too_many_connections':
          return { key: 'lobby.status.busy', params: { server } }
        case 'host_not_allowed':
          return { key: 'lobby.status.hostRefused', params: { server } }
        case 'access_key_required':
          return { key: 'lobby.status.keyRefused', params: { server } }
        case null:
          return { key: 'lobby.status.refused', params: { server, message: status.message } }
        default: {
          const unhandled: never = status.code
          return unhandled
        }
      }
    default: {
      const unhandled: never = status
      return unhandled
    }
  }
}

/** The public room list of one rendezvous server, kept live while watched. */
export class RoomsStore {
  #rooms = $state.raw<readonly RoomSummary[]>([])
  #status = $state.raw<RoomsStatus>({ kind: 'idle' })
  #server = $state('')
  #socket: RoomsSocket | null = null
  readonly #connect: RoomsSocketFactory
  readonly #inbound: Inbound

  /** `warn` hears of a malformed message from the server, once per event name. */
  constructor(connect: RoomsSocketFactory, warn?: Warn) {
    this.#connect = connect
    this.#inbound = new Inbound(warn)
  }

  get rooms(): readonly RoomSummary[] {
    return this.#rooms
  }

  get status(): RoomsStatus {
    return this.#status
  }

  /** The server being watched ('' when none). */
  get server(): string {
    return this.#server
  }

  /**
   * Watches the public rooms of `serverUrl`; a different address drops the old connection and its
   * list, the same address keeps the connection it has. '' stops watching.
   */
  watch(serverUrl: string): void {
    if (serverUrl === this.#server && (this.#socket || serverUrl === '')) return
    this.stop()
    this.#server = serverUrl
    if (serverUrl === '') return
    const socket = this.#connect(serverUrl)
    this.#socket = socket
    // Events of a socket that was since replaced must not touch the store.
    const current = () => this.#socket === socket
    // Watch again on every (re)connect: the server forgets watchers with their connection.
    socket.on('connect', () => current() && this.#watch(socket))
    socket.on('disconnect', () => current() && (this.#status = { kind: 'connecting' }))
    socket.on('connect_error', (error) => {
      if (!current()) return
      const refusal = connectRefusal(error)
      this.#status = refusal ? { kind: 'refused', ...refusal } : { kind: 'unreachable' }
    })
    socket.on('rooms:changed', (raw: unknown) => {
      const rooms = this.#inbound.event('rooms:changed', raw)
      if (rooms && current()) this.#rooms = rooms
    })
    this.#status = { kind: 'connecting' }
    socket.connect()
  }

  /** Closes the connection and forgets the list. */
  stop(): void {
    const socket = this.#socket
    this.#socket = null
    this.#server = ''
    this.#rooms = []
    this.#status = { kind: 'idle' }
    socket?.disconnect()
  }

  #watch(socket: RoomsSocket): void {
    socket.emit('rooms:watch', {}, (raw: unknown) => {
      if (this.#socket !== socket) return
      const ack = this.#inbound.ack('rooms:watch', raw)
      if (!ack) {
        this.#status = {
          kind: 'refused',
          code: null,
          message: 'The server sent an unreadable list.',
        }
      } else if (ack.ok) {
        this.#rooms = ack.rooms
        this.#status = { kind: 'connected' }
      } else {
        this.#status = { kind: 'refused', code: null, message: ack.error.message }
      }
    })
  }
}

/**
 * A store whose sockets go over WebSocket only (no long-polling fallback), one per server, each
 * carrying the server's access key where `accessKey` knows one (a built-in server).
 */
export function createRoomsStore(
  accessKey: (serverUrl: string) => string | undefined = () => undefined,
): RoomsStore {
  return new RoomsStore((serverUrl) => {
    const key = accessKey(serverUrl)
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(serverUrl, {
      transports: ['websocket'],
      autoConnect: false,
      // Its own connection: the call keeps a separate one that must not go down with this.
      forceNew: true,
      ...(key ? { auth: { key } } : {}),
    })
    return socket
  })
}
