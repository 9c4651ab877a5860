/**
 * The call's connection to the rendezvous server: typed by protocol/, reconnecting on its own, and
 * taking its seat back with `resume` after every reconnection, so peer connections live through a
 * network blip or a server restart.
 */
import { io, type Socket } from 'socket.io-client'
import type {
  Ack,
  ChatMessage,
  ClientEvent,
  ClientPayload,
  ClientResult,
  ClientToServerEvents,
  ErrorCode,
  JoinRequest,
  JoinResult,
  MediaState,
  Participant,
  PeerLeft,
  ServerNotice,
  ServerToClientEvents,
  SignalEvent,
  SignalPayload,
} from '../../protocol/index.js'
import { Emitter } from './emitter.js'

export type SignalingState = 'connecting' | 'connected' | 'reconnecting' | 'closed'

/** Protocol error codes, plus what can go wrong before the server answers. */
export type SignalingErrorCode = ErrorCode | 'unreachable' | 'refused' | 'timeout' | 'replaced'

export class SignalingError extends Error {
  constructor(
    readonly code: SignalingErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'SignalingError'
  }
}

export interface SignalingEvents {
  state: (state: SignalingState) => void
  'peer:joined': (participant: Participant) => void
  'peer:left': (event: PeerLeft) => void
  'peer:updated': (participant: Participant) => void
  'chat:message': (message: ChatMessage) => void
  signal: (event: SignalEvent) => void
  notice: (notice: ServerNotice) => void
  /** Back after a reconnection: `resumed` when the seat (and id) was kept, else a fresh join. */
  rejoined: (result: JoinResult, resumed: boolean) => void
  /** The seat is gone for good: taken over elsewhere, or a rejoin was refused. */
  ended: (error: SignalingError) => void
}

/** How long a request may wait for its ack. */
const ACK_TIMEOUT_MS = 10_000
/** How long the first connection may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 8_000

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
export type Connect = (url: string) => ClientSocket

const defaultConnect: Connect = (url) =>
  io(url, {
    transports: ['websocket'],
    autoConnect: false,
    reconnectionDelay: 250,
    reconnectionDelayMax: 2_000,
    randomizationFactor: 0.3,
  })

export class SignalingClient extends Emitter<SignalingEvents> {
  readonly #socket: ClientSocket
  #state: SignalingState = 'connecting'
  /** The last successful join, replayed with `resume` after a reconnection. */
  #seat: { request: JoinRequest; token: string; selfId: string } | null = null
  #everConnected = false

  constructor(url: string, connect: Connect = defaultConnect) {
    super()
    this.#socket = connect(url)
    this.#wire()
  }

  get state(): SignalingState {
    return this.#state
  }

  /** Connects; rejects with 'unreachable' or 'refused' when the server cannot be had. */
  connect(): Promise<void> {
    const socket = this.#socket
    if (socket.connected) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const done = (err?: SignalingError) => {
        clearTimeout(timer)
        socket.off('connect', onConnect)
        socket.off('connect_error', onError)
        if (err) reject(err)
        else resolve()
      }
      const onConnect = () => done()
      const onError = (error: Error) => done(toConnectError(error, socket.active))
      const timer = setTimeout(
        () => done(new SignalingError('unreachable', 'The server did not answer.')),
        CONNECT_TIMEOUT_MS,
      )
      socket.on('connect', onConnect)
      socket.on('connect_error', onError)
      socket.connect()
    })
  }

  /** Joins a room; throws a SignalingError with the server's code when refused. */
  async join(request: JoinRequest): Promise<JoinResult> {
    const result = await this.#request('room:join', request)
    this.#seat = { request: withoutResume(request), token: result.token, selfId: result.self.id }
    return result
  }

  async leave(): Promise<void> {
    this.#seat = null
    if (this.#socket.connected) await this.#request('room:leave', {}).catch(() => undefined)
  }

  async sendChat(text: string): Promise<ChatMessage> {
    return (await this.#request('chat:send', { text })).message
  }

  /** Relays a signal; a lost one is recovered by negotiation, so failures are only reported. */
  async signal(to: string, payload: SignalPayload): Promise<void> {
    await this.#request('signal:send', { to, payload })
  }

  async updateMedia(media: MediaState): Promise<void> {
    await this.#request('media:update', media)
  }

  close(): void {
    this.#seat = null
    this.#setState('closed')
    this.#socket.disconnect()
    this.clear()
  }

  async #request<E extends ClientEvent>(
    event: E,
    payload: ClientPayload<E>,
  ): Promise<ClientResult<E>> {
    if (!this.#socket.connected) throw new SignalingError('unreachable', 'Not connected.')
    // socket.io-client cannot type an ack through timeout(); the event map types `payload` above.
    const timed = this.#socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<Ack<ClientResult<E>>>
    }
    let ack: Ack<ClientResult<E>>
    try {
      ack = await timed.emitWithAck(event, payload)
    } catch {
      throw new SignalingError('timeout', 'The server did not answer in time.')
    }
    if (!ack.ok) throw new SignalingError(ack.error.code, ack.error.message)
    return ack
  }

  #wire(): void {
    const socket = this.#socket
    socket.on('connect', () => {
      const reconnected = this.#everConnected
      this.#everConnected = true
      this.#setState('connected')
      if (reconnected && this.#seat) void this.#rejoin(this.#seat)
    })
    socket.on('disconnect', (reason) => {
      if (this.#state === 'closed') return
      if (reason === 'io server disconnect') {
        // The server closed this connection on purpose: our seat was resumed from elsewhere.
        this.#seat = null
        this.#setState('closed')
        this.emit('ended', new SignalingError('replaced', 'Your seat was taken over elsewhere.'))
        return
      }
      this.#setState('reconnecting')
    })
    socket.on('peer:joined', (p) => this.emit('peer:joined', p))
    socket.on('peer:left', (e) => this.emit('peer:left', e))
    socket.on('peer:updated', (p) => this.emit('peer:updated', p))
    socket.on('chat:message', (m) => this.emit('chat:message', m))
    socket.on('signal', (e) => this.emit('signal', e))
    socket.on('server:notice', (notice) => this.emit('notice', notice))
  }

  async #rejoin(seat: { request: JoinRequest; token: string; selfId: string }): Promise<void> {
    try {
      const result = await this.#request('room:join', { ...seat.request, resume: seat.token })
      if (this.#seat !== seat) return
      this.#seat = { request: seat.request, token: result.token, selfId: result.self.id }
      this.emit('rejoined', result, result.self.id === seat.selfId)
    } catch (err) {
      if (this.#seat !== seat) return
      if (err instanceof SignalingError && (err.code === 'timeout' || err.code === 'unreachable')) {
        return // the connection dropped again; the next 'connect' tries again
      }
      this.#seat = null
      this.emit('ended', err instanceof SignalingError ? err : new SignalingError('internal', ''))
    }
  }

  #setState(state: SignalingState): void {
    if (this.#state === state) return
    this.#state = state
    this.emit('state', state)
  }
}

function withoutResume(request: JoinRequest): JoinRequest {
  const { resume: _resume, ...rest } = request
  return rest
}

/** A refusal by the server's connection checks comes with a code; anything else is unreachable. */
function toConnectError(error: Error, stillTrying: boolean): SignalingError {
  const data = (error as Error & { data?: { code?: string; message?: string } }).data
  if (!stillTrying && data?.code) return new SignalingError('refused', data.message ?? data.code)
  return new SignalingError('unreachable', 'The server could not be reached.')
}
