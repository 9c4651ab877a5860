/**
 * One Janus instance as the server drives it: a janode connection (WebSocket, with Janus's API
 * secret), one session on it, and a manager handle for the room requests (create, destroy, list,
 * moderate). It connects on `start`, says when it is up and when it went down, and connects again
 * on its own after a loss (Janus restarted, the network dropped), backing off to once every 10 s.
 *
 * Every request is bounded in time: janode waits for Janus's reply without a limit, and a call
 * must not hang on an instance that stopped answering.
 */
import { EventEmitter } from 'node:events'
import Janode, { type Connection, type Session } from 'janode'
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom'

/** Janus's own log lines are not ours: the server's logger says what matters. */
Janode.Logger.setLevel('none')

/** How long one request to Janus may take. */
export const REQUEST_TIMEOUT_MS = 10_000
const RETRY_FIRST_MS = 500
const RETRY_MOST_MS = 10_000
/** VideoRoom's JANUS_VIDEOROOM_ERROR_ROOM_EXISTS and JANUS_VIDEOROOM_ERROR_NO_SUCH_ROOM. */
const ROOM_EXISTS = 427
const NO_SUCH_ROOM = 426

export type InstanceState = 'connecting' | 'up' | 'down' | 'closed'

export interface InstanceEvents {
  up: []
  /** It went down (or could not be reached); `reason` says how. */
  down: [reason: string]
}

/** A Janus VideoRoom error, with Janus's numeric code. */
export class JanusError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message)
    this.name = 'JanusError'
  }
}

interface Link {
  connection: Connection
  session: Session
  manager: VideoRoomHandle
}

export class JanusInstance extends EventEmitter<InstanceEvents> {
  readonly url: string
  readonly #secret: string
  #state: InstanceState = 'down'
  #link: Link | null = null
  #retryMs = RETRY_FIRST_MS
  #retry: NodeJS.Timeout | null = null

  constructor(url: string, secret: string) {
    super()
    this.url = url
    this.#secret = secret
  }

  get state(): InstanceState {
    return this.#state
  }

  get up(): boolean {
    return this.#state === 'up'
  }

  /** Connects (and keeps connecting after any loss) until `close`. Resolves on the first outcome. */
  start(): Promise<void> {
    if (this.#state !== 'down') return Promise.resolve()
    return this.#connect()
  }

  /** Resolves once up, or rejects after `ms`. */
  async ready(ms = REQUEST_TIMEOUT_MS): Promise<void> {
    if (this.up) return
    await bounded(
      new Promise<void>((resolve) => this.once('up', resolve)),
      ms,
      `${this.url} did not come up`,
    )
  }

  /** A new VideoRoom handle on this instance's session (a member's publisher or subscription). */
  attach(): Promise<VideoRoomHandle> {
    const link = this.#need()
    return bounded(link.session.attach(VideoRoomPlugin), REQUEST_TIMEOUT_MS, 'attach')
  }

  /** Makes the VideoRoom room `room` unless it is there already. */
  async createRoom(room: string, options: { publishers: number; bitrate: number }): Promise<void> {
    const manager = this.#need().manager
    try {
      await this.#request(
        manager.create({
          room,
          max_publishers: options.publishers,
          bitrate: options.bitrate,
          videocodec: 'vp8',
          audiocodec: 'opus',
          fir_freq: 10,
          // Listed (for `rooms`): only the server reaches Janus's API, with the API secret.
          is_private: false,
          permanent: false,
        }),
        'create',
      )
    } catch (error) {
      if (!(error instanceof JanusError && error.code === ROOM_EXISTS)) throw error
    }
  }

  /** Removes the room (and with it every handle's place in it); nothing when it is not there. */
  async destroyRoom(room: string): Promise<void> {
    const manager = this.#need().manager
    try {
      await this.#request(manager.destroy({ room }), 'destroy')
    } catch (error) {
      if (!(error instanceof JanusError && error.code === NO_SUCH_ROOM)) throw error
    }
  }

  /** The rooms there are on this instance, with how many participants each has (every node's). */
  async rooms(): Promise<{ room: string; participants: number }[]> {
    const { list } = await this.#request(this.#need().manager.list(), 'list')
    return list.map(({ room, num_participants }) => ({
      room: String(room),
      participants: num_participants,
    }))
  }

  /** Stops (or starts again) forwarding one stream of a publisher to everyone in the room. */
  async moderate(room: string, feed: string, mid: string, mute: boolean): Promise<void> {
    const body = { request: 'moderate', room, id: feed, mid, mute }
    await this.#request(this.#need().manager.message(body), 'moderate')
  }

  /** Runs a request of one of this instance's handles, bounded in time, Janus errors as JanusError. */
  request<T>(pending: Promise<T>, what: string): Promise<T> {
    return this.#request(pending, what)
  }

  async close(): Promise<void> {
    this.#state = 'closed'
    if (this.#retry) clearTimeout(this.#retry)
    const link = this.#link
    this.#link = null
    await link?.connection.close().catch(() => undefined)
  }

  /** Read afresh (not narrowed): `close` may come while a connection attempt awaits. */
  #closed(): boolean {
    return this.#state === 'closed'
  }

  #need(): Link {
    if (!this.#link || this.#state !== 'up') throw new JanusError(`${this.url} is not up`, null)
    return this.#link
  }

  async #request<T>(pending: Promise<T>, what: string): Promise<T> {
    try {
      return await bounded(pending, REQUEST_TIMEOUT_MS, `${what} on ${this.url}`)
    } catch (error) {
      if (error instanceof JanusError) throw error
      const code = (error as { _code?: unknown })._code
      throw new JanusError(
        `${what} on ${this.url}: ${(error as Error).message}`,
        typeof code === 'number' ? code : null,
      )
    }
  }

  async #connect(): Promise<void> {
    this.#state = 'connecting'
    let connection: Connection | null = null
    try {
      connection = await Janode.connect({
        address: { url: this.url, apisecret: this.#secret },
        retry_time_secs: 1,
        max_retries: 1,
      })
      const session = await bounded(connection.create(), REQUEST_TIMEOUT_MS, 'session')
      const manager = await bounded(
        session.attach(VideoRoomPlugin),
        REQUEST_TIMEOUT_MS,
        'manager handle',
      )
      if (this.#closed()) {
        await connection.close().catch(() => undefined)
        return
      }
      const link = { connection, session, manager }
      const lost = (reason: string) => this.#lost(link, reason)
      connection.once(Janode.EVENT.CONNECTION_ERROR, (error: Error) => lost(error.message))
      connection.once(Janode.EVENT.CONNECTION_CLOSED, () => lost('connection closed'))
      session.once(Janode.EVENT.SESSION_DESTROYED, () => lost('session destroyed'))
      this.#link = link
      this.#state = 'up'
      this.#retryMs = RETRY_FIRST_MS
      this.emit('up')
    } catch (error) {
      await connection?.close().catch(() => undefined)
      if (this.#closed()) return
      this.#state = 'down'
      this.emit('down', (error as Error).message)
      this.#schedule()
    }
  }

  #lost(link: Link, reason: string): void {
    if (this.#link !== link || this.#state === 'closed') return
    this.#link = null
    this.#state = 'down'
    void link.connection.close().catch(() => undefined)
    this.emit('down', reason)
    this.#schedule()
  }

  #schedule(): void {
    if (this.#retry || this.#state === 'closed') return
    const wait = this.#retryMs
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MOST_MS)
    this.#retry = setTimeout(() => {
      this.#retry = null
      void this.#connect()
    }, wait)
    this.#retry.unref()
  }
}

/** `pending`, or a JanusError once `ms` have passed. */
function bounded<T>(pending: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JanusError(`${what}: no answer in ${ms} ms`, null)), ms)
  })
  return Promise.race([pending, late]).finally(() => clearTimeout(timer))
}
