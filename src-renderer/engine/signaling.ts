/**
 * The call's connection to the rendezvous server: typed by protocol/, reconnecting on its own, and
 * taking its seat back with `resume` after every reconnection, so peer connections live through a
 * network blip or a server restart.
 */
import {
  LIMITS,
  type ChatMessage,
  type ClientEvent,
  type ClientPayload,
  type ClientResult,
  type JoinRequest,
  type JoinResult,
  type MediaKind,
  type MediaState,
  type RoomInfo,
  type RoomUpdate,
  type ServerEvent,
  type SignalPayload,
} from '../../protocol/index.js'
import { whenIdle } from '../lib/idle.js'
import { Emitter } from './emitter.js'
import { Inbound, type ServerPayload, type Warn } from './inbound.js'
import {
  SignalingError,
  toConnectError,
  type SignalingErrorCode,
  type SignalingEvents,
  type SignalingState,
} from './signaling-error.js'
import { connectSocket, type ClientSocket } from './socket.js'

export { SignalingError, type SignalingErrorCode, type SignalingEvents, type SignalingState }

/** How long a request may wait for its ack. */
const ACK_TIMEOUT_MS = 10_000
/** How long the first connection may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 8_000

/** Makes the socket (not yet connected); tests pass their own options through this. */
export type Connect = (url: string) => ClientSocket

export interface SignalingOptions {
  connect?: Connect
  /** The server's access key (a desktop app's built-in server admits only its holders). */
  accessKey?: string | undefined
  /** Where a malformed message from the server is reported (once per event name). */
  warn?: Warn
}

interface Seat {
  request: JoinRequest
  token: string
  selfId: string
}

export class SignalingClient extends Emitter<SignalingEvents> {
  readonly #socket: ClientSocket
  readonly #inbound: Inbound
  #state: SignalingState = 'connecting'
  /** The last successful join, replayed with `resume` after a reconnection. */
  #seat: Seat | null = null
  /** Gives up the join being held for a host's answer (set only while one is). */
  #cancelJoin: (() => void) | null = null
  #everConnected = false

  constructor(url: string, options: SignalingOptions = {}) {
    super()
    this.#socket = options.connect ? options.connect(url) : connectSocket(url, options.accessKey)
    this.#inbound = new Inbound(options.warn)
    this.#wire()
    // The call's connection is made at the device check (call-parts.ts): decoding warms up there.
    whenIdle(() => this.#inbound.warm())
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

  /**
   * Joins a room; throws a SignalingError with the server's code when refused. In a knock room the
   * server holds the answer until a host lets us in (`room:waiting` comes first); `leave()` or a
   * dropped connection gives up waiting ('cancelled', 'unreachable').
   */
  async join(request: JoinRequest): Promise<JoinResult> {
    const result = await this.#heldJoin(request)
    this.#seat = { request: withoutResume(request), token: result.token, selfId: result.self.id }
    return result
  }

  /** Leaves the room, or withdraws a knock still waiting. */
  async leave(): Promise<void> {
    this.#seat = null
    this.#cancelJoin?.()
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

  /** Changes our nickname; a later rejoin uses it too. */
  async updateProfile(nickname: string): Promise<void> {
    await this.#request('profile:update', { nickname })
    if (this.#seat) this.#seat.request = { ...this.#seat.request, nickname }
  }

  /** Host: changes the room's admission, visibility or password; resolves with the room after. */
  async updateRoom(update: RoomUpdate): Promise<RoomInfo> {
    return (await this.#request('room:update', update)).room
  }

  /** Host: lets a knocker in, or turns them down. */
  async answerKnock(id: string, admit: boolean): Promise<void> {
    await this.#request('knock:answer', { id, admit })
  }

  /** Host: ends a member's seat (they may only knock to come back). */
  async removeMember(id: string): Promise<void> {
    await this.#request('member:remove', { id })
  }

  /** Host: turns a member's microphone, camera or screen share off (they may turn it on again). */
  async muteMember(id: string, kind: MediaKind): Promise<void> {
    await this.#request('member:mute', { id, kind })
  }

  /** Host: makes a member a host too. */
  async promoteMember(id: string): Promise<void> {
    await this.#request('member:promote', { id })
  }

  /** ICE servers afresh (TURN credentials expire), for connections made from now on. */
  async refreshIce(): Promise<RTCIceServer[]> {
    return (await this.#request('ice:refresh', {})).iceServers
  }

  close(): void {
    this.#cancelJoin?.()
    this.#seat = null
    this.#setState('closed')
    this.#socket.disconnect()
    this.clear()
  }

  /** `room:join`, held in a knock room: the ack timeout until `room:waiting`, then the knock's. */
  #heldJoin(request: JoinRequest): Promise<JoinResult> {
    return new Promise((resolve, reject) => {
      const fail = (code: SignalingErrorCode, message: string) => () =>
        finish(() => reject(new SignalingError(code, message)))
      const timedOut = fail('timeout', 'The server did not answer in time.')
      let timer = setTimeout(timedOut, ACK_TIMEOUT_MS)
      const stops = [
        this.on('room:waiting', () => {
          clearTimeout(timer)
          timer = setTimeout(timedOut, LIMITS.knockTimeoutMs + ACK_TIMEOUT_MS)
        }),
        this.on('state', (state) => {
          if (state !== 'connected') fail('unreachable', 'The connection dropped.')()
        }),
      ]
      const finish = (settle: () => void) => {
        clearTimeout(timer)
        for (const stop of stops) stop()
        if (this.#cancelJoin === cancel) this.#cancelJoin = null
        settle()
      }
      const cancel = fail('cancelled', 'You stopped waiting.')
      this.#cancelJoin = cancel
      this.#request('room:join', request, LIMITS.knockTimeoutMs + 2 * ACK_TIMEOUT_MS).then(
        (result) => finish(() => resolve(result)),
        (err: unknown) =>
          finish(() => reject(err instanceof Error ? err : new SignalingError('internal', ''))),
      )
    })
  }

  async #request<E extends ClientEvent>(
    event: E,
    payload: ClientPayload<E>,
    timeoutMs = ACK_TIMEOUT_MS,
  ): Promise<ClientResult<E>> {
    if (!this.#socket.connected) throw new SignalingError('unreachable', 'Not connected.')
    // socket.io-client cannot type an ack through timeout(); the event map types `payload` above,
    // and what comes back is read as unknown until inbound.ts has checked it.
    const timed = this.#socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>
    }
    let raw: unknown
    try {
      raw = await timed.emitWithAck(event, payload)
    } catch {
      throw new SignalingError('timeout', 'The server did not answer in time.')
    }
    const ack = this.#inbound.ack(event, raw)
    if (!ack) throw new SignalingError('internal', 'The server sent an answer that makes no sense.')
    if (!ack.ok) throw new SignalingError(ack.error.code, ack.error.message, ack.error.retryAfterMs)
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
    for (const event of this.#inbound.events) this.#forward(event)
  }

  /** Passes `event` on once it has been checked; a malformed one goes no further. */
  #forward<E extends ServerEvent>(event: E): void {
    const listener = (raw: unknown) => {
      const payload = this.#inbound.event(event, raw)
      if (payload === null) return
      ;(this.emit as (e: E, p: ServerPayload<E>) => void)(event, payload)
    }
    // Socket.IO's typed `on` cannot resolve a generic event name; the listener takes `unknown` anyway.
    this.#socket.on(event, listener as never)
  }

  async #rejoin(seat: Seat): Promise<void> {
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
