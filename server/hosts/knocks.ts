/**
 * Held joins: a `room:join` that must knock waits here, on the node holding the knocker's socket,
 * until a host answers (on any node: the answer comes as `noom:knock-answered`), the knock times
 * out, the knocker withdraws (`room:leave`, another join, a disconnect), or the room empties. The
 * queue itself is in the room state, so every host on every node answers the same knocks, and
 * `takeKnock` there decides, once, how each ends.
 */
import { randomUUID } from 'node:crypto'
import { fail, LIMITS, type Ack, type JoinResult, type KnockOutcome } from '../../protocol/index.js'
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import type { Held } from '../handle.js'
import type { RoomInfo } from '../state/types.js'

type JoinAck = Ack<JoinResult>

interface Pending {
  readonly id: string
  readonly socket: NoomSocket
  readonly room: RoomInfo
  readonly timer: NodeJS.Timeout
  readonly settle: (ack: JoinAck) => void
  /** Seats the knocker once a host has let it in. */
  readonly admit: () => Promise<JoinAck>
}

export class Knocks {
  readonly #ctx: ServerContext
  readonly #timeoutMs: number
  readonly #pending = new Map<string, Pending>()
  /** Socket id → its knock's id. */
  readonly #bySocket = new Map<string, string>()

  constructor(ctx: ServerContext, timeoutMs: number) {
    this.#ctx = ctx
    this.#timeoutMs = timeoutMs
    ctx.cluster.on('noom:knock-answered', ({ id, admit }) => void this.#answered(id, admit))
    // A node died with knocks pending (Redis): the sweep that noticed tells the hosts, once.
    ctx.state.onKnockLost((room, id) => {
      ctx.io.to(channel.hosts(room)).emit('knock:resolved', { id, outcome: 'withdrawn' })
      ctx.tally.emit('knock', 'withdrawn')
    })
    ctx.cluster.on('noom:room-emptied', ({ name, key }) => {
      for (const knock of [...this.#pending.values()]) {
        if (knock.room.name !== name || knock.room.key !== key) continue
        this.#forget(knock)
        this.#ctx.tally.emit('knock', 'denied')
        knock.settle(fail('denied', 'The room emptied before anyone let you in.'))
      }
    })
  }

  /** Queues a knock and holds the join; the knocker hears `room:waiting`, every host the knock. */
  async knock(
    socket: NoomSocket,
    room: RoomInfo,
    nickname: string,
    admit: () => Promise<JoinAck>,
  ): Promise<JoinAck | Held<JoinAck> | 'retry'> {
    const { state, io } = this.#ctx
    const allowed = await this.#ctx.limits.take('knocks', socket.data.address)
    if (!allowed.ok) {
      const message = 'Too many requests to join from your address; wait a minute.'
      return fail('rate_limited', message, allowed.retryAfterMs)
    }
    await this.withdraw(socket)
    const id = randomUUID()
    const added = await state.addKnock(room, { id, nickname }, LIMITS.waitingKnocksMax)
    if (added === 'changed') return 'retry'
    if (added === 'full') {
      return fail('rate_limited', 'Too many people are waiting to join this room; try later.')
    }
    if (!socket.connected) {
      await this.#end(room, id, 'withdrawn')
      return fail('internal', 'disconnected')
    }
    const held = new Promise<JoinAck>((settle) => {
      const timer = setTimeout(() => void this.#expire(id), this.#timeoutMs)
      timer.unref()
      this.#pending.set(id, { id, socket, room, timer, settle, admit })
      this.#bySocket.set(socket.id, id)
    })
    socket.emit('room:waiting', { room: room.name })
    io.to(channel.hosts(room.name)).emit('knock:request', { id, nickname })
    return { held }
  }

  /** Ends `socket`'s knock, if it has one; true when it had. */
  async withdraw(socket: NoomSocket): Promise<boolean> {
    const knock = this.#pending.get(this.#bySocket.get(socket.id) ?? '')
    if (!knock) return false
    this.#forget(knock)
    knock.settle(fail('denied', 'You stopped waiting to be let in.'))
    await this.#end(knock.room, knock.id, 'withdrawn')
    return true
  }

  /** Withdraws every knock this node holds (it is shutting down). */
  async close(): Promise<void> {
    await Promise.all([...this.#pending.values()].map((knock) => this.withdraw(knock.socket)))
  }

  async #answered(id: string, admit: boolean): Promise<void> {
    const knock = this.#pending.get(id)
    if (!knock) return
    this.#forget(knock)
    if (!admit) return knock.settle(fail('denied', 'The host did not let you in.'))
    try {
      knock.settle(await knock.admit())
    } catch (err) {
      this.#ctx.log.error({ err }, 'admitted knocker not seated')
      knock.settle(fail('internal', 'The server could not handle this request.'))
    }
  }

  async #expire(id: string): Promise<void> {
    const knock = this.#pending.get(id)
    if (!knock) return
    // A host may be answering right now: whoever takes the knock from the state decides.
    if (!(await this.#end(knock.room, id, 'expired'))) return
    this.#forget(knock)
    knock.settle(fail('knock_timeout', 'Nobody let you in; try again later.'))
  }

  /** Takes the knock from the queue and tells the hosts how it ended; false when already gone. */
  async #end(room: RoomInfo, id: string, outcome: KnockOutcome): Promise<boolean> {
    try {
      const taken = await this.#ctx.state.takeKnock(room.name, id, null)
      if (typeof taken !== 'object') return false
    } catch (err) {
      this.#ctx.log.warn({ err }, 'knock not taken from the queue')
      return true
    }
    this.#ctx.io.to(channel.hosts(room.name)).emit('knock:resolved', { id, outcome })
    this.#ctx.tally.emit('knock', outcome)
    return true
  }

  #forget(knock: Pending): void {
    clearTimeout(knock.timer)
    this.#pending.delete(knock.id)
    this.#bySocket.delete(knock.socket.id)
  }
}
