/**
 * Seats: who holds which place in which room, through joins, leaves, dropped connections and resumes.
 * A member whose connection drops keeps its seat for the grace period; coming back with its resume
 * token within it — on this node or any other sharing the state — keeps its id, and the others see
 * neither a leave nor a join. Room state lives in `ctx.state`; the seat a connection holds is also
 * kept on the connection (LocalSeat), so the node can serve its own members without the state.
 */
import {
  fail,
  type Ack,
  type JoinRequest,
  type JoinResult,
  type PeerLeftReason,
} from '../../protocol/index.js'
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import type { Knocks } from '../hosts/knocks.js'
import { skeleton } from '../hosts/nickname.js'
import type { ResumeClaims } from '../security/resume-token.js'
import {
  toParticipant,
  type Departure,
  type RoomInfo,
  type SeatMode,
  type SeatRecord,
} from '../state/types.js'
import { admit, type JoinAnswer } from './admission.js'
import { reassertAll } from './reassert.js'
import { joinResult, roomFromClaims, type LocalSeat } from './seat-result.js'

/** A token older than this cannot rebuild a seat its server has forgotten. */
const MAX_TOKEN_AGE_MS = 24 * 60 * 60 * 1000
/** Tries at a join whose room appeared or vanished while a password was being hashed or checked. */
const JOIN_ATTEMPTS = 3
type Seating = { mode: SeatMode; room: RoomInfo; member: SeatRecord }

export class Seats {
  readonly #ctx: ServerContext
  readonly #knocks: Knocks
  readonly #departed: Array<(departure: Departure) => void> = []

  constructor(ctx: ServerContext, knocks: Knocks) {
    this.#ctx = ctx
    this.#knocks = knocks
    ctx.state.onExpired((expiry) => this.announceLeft(expiry, expiry.id, 'disconnected'))
    ctx.state.onReconnected(() => void reassertAll(ctx, this))
  }

  /** Listens for seats that ended (to hand the host role on, and turn knocks of empty rooms down). */
  onDeparture(listener: (departure: Departure) => void): void {
    this.#departed.push(listener)
  }

  /** The seat `socket` holds, if any. */
  current(socket: NoomSocket): LocalSeat | null {
    return socket.data.seat
  }

  /**
   * Seats `socket` in the requested room. A socket already in another room gives that seat up only
   * once the new one is taken, so a refused join leaves it where it was; joining the room it is
   * already in answers with its current seat.
   */
  async join(socket: NoomSocket, request: JoinRequest): Promise<JoinAnswer> {
    // Events wait their turn; one that comes due after its connection closed must not take a seat.
    if (!socket.connected) return fail('internal', 'disconnected')
    const current = this.current(socket)
    // A new join replaces a knock in progress.
    await this.#knocks.withdraw(socket)
    if (current?.room.name === request.room) {
      await this.#rename(socket, current, request.nickname)
      const view = await this.#ctx.state.view(current.room.name, current.room.key)
      if (!view) return fail('internal', 'The server could not handle this request.')
      return joinResult(this.#ctx.options, view, current)
    }
    if (request.resume !== undefined) {
      const claims = this.#ctx.tokens.open(request.resume)
      const resumed =
        claims?.room === request.room ? await this.#resume(socket, claims, request) : null
      if (resumed) return resumed
      this.#ctx.log.debug({ socket: socket.id }, 'resume refused; joining afresh')
    }
    // Fresh joins count per address, so a client that reconnects does not start afresh.
    const allowed = await this.#ctx.limits.take('joins', socket.data.address)
    if (!allowed.ok) {
      const message = 'Too many joins from your address; wait a minute and try again.'
      return fail('rate_limited', message, allowed.retryAfterMs)
    }
    const seat = (target: NoomSocket, seating: Seating) => this.#seat(target, seating)
    for (let attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) {
      const result = await admit(this.#ctx, this.#knocks, seat, socket, request)
      if (result !== 'retry') return result
    }
    return fail('internal', 'The room changed while you were joining; please try again.')
  }

  /** Gives up `socket`'s seat (or its knock) at once and tells the others. False when it had none. */
  async leave(socket: NoomSocket): Promise<boolean> {
    const seat = this.current(socket)
    this.detach(socket)
    if (!seat) return this.#knocks.withdraw(socket)
    const { room, member } = seat
    try {
      const departure = await this.#ctx.state.remove(room.name, member.id)
      if (departure) this.announceLeft(departure, member.id, 'left')
    } catch (err) {
      // The member is gone from this node all the same. Its members hear now; the rest when the
      // state is back and the seat, still marked as this node's, ends after its grace period.
      this.#ctx.log.warn({ err, member: member.id }, 'leave not recorded; telling this node only')
      this.#ctx.io.local
        .to(channel.room(room.name))
        .emit('peer:left', { id: member.id, reason: 'left' })
    }
    return true
  }

  /** The socket's connection closed: its seat is held for the grace period (timed by the state). */
  async drop(socket: NoomSocket): Promise<void> {
    const seat = this.current(socket)
    if (!seat) return
    await this.#ctx.state.away(seat.room.name, seat.member.id, socket.id)
  }

  /** A closed connection: its seat starts its grace period, or its knock is withdrawn. */
  async dropOrWithdraw(socket: NoomSocket): Promise<void> {
    if (this.current(socket)) await this.drop(socket)
    else await this.#knocks.withdraw(socket)
  }

  /** Stores the member's changed nickname or media and tells the others with peer:updated. */
  update(socket: NoomSocket, seat: LocalSeat): void {
    this.#persist(this.#ctx.state.update(seat.room.name, seat.member))
    socket.to(channel.room(seat.room.name)).emit('peer:updated', toParticipant(seat.member))
  }

  /**
   * Whether `id` holds a seat in `seat`'s room. While the shared state cannot be reached, the node
   * answers for the members it holds itself, so calls between them go on.
   */
  async isPeer(seat: LocalSeat, id: string): Promise<boolean> {
    try {
      return await this.#ctx.state.hasMember(seat.room.name, id)
    } catch (err) {
      this.#ctx.log.debug({ err }, 'membership check failed; answering from local seats')
      const holders = this.#ctx.io.of('/').adapter.rooms.get(channel.member(id)) ?? []
      for (const socketId of holders) {
        const other = this.#ctx.io.of('/').sockets.get(socketId)?.data.seat
        if (other?.room.key === seat.room.key) return true
      }
      return false
    }
  }

  /** Runs a write whose failure the member need not hear of (the state logs and recovers). */
  #persist(write: Promise<unknown>): void {
    write.catch((err: unknown) => this.#ctx.log.warn({ err }, 'room state write failed'))
  }

  /** Seats a new member (or one rebuilt from a token) and tells the others. */
  async #seat(socket: NoomSocket, seating: Seating): Promise<Ack<JoinResult> | 'retry'> {
    if (!socket.connected) return fail('internal', 'disconnected')
    const outcome = await this.#ctx.state.seat({ ...seating, holder: socket.id })
    if (outcome.kind === 'changed') return 'retry'
    if (outcome.kind === 'full') {
      return fail('room_full', `This room is full (${outcome.capacity} people).`)
    }
    if (outcome.kind === 'taken') {
      return fail('nickname_taken', 'Someone in this room has a name that looks like that one.')
    }
    const { room, members } = outcome.view
    await this.leave(socket)
    // The state decides the role (a room always has a host).
    const stored = members.find((m) => m.id === seating.member.id) ?? seating.member
    const seat = this.attach(socket, room, stored)
    socket.to(channel.room(room.name)).emit('peer:joined', toParticipant(seat.member))
    this.#ctx.roomsChanged()
    this.#ctx.log.debug({ room: room.name, member: seat.member.id }, 'joined')
    return this.#settle(socket, joinResult(this.#ctx.options, outcome.view, seat))
  }

  /** Takes a held seat back, or rebuilds one the state forgot. Null when neither applies. */
  async #resume(
    socket: NoomSocket,
    claims: ResumeClaims,
    request: JoinRequest,
  ): Promise<Ack<JoinResult> | null> {
    const { state, io, options } = this.#ctx
    const token = request.resume ?? ''
    // Every resume ack carries a fresh token; the one presented is spent (but for a short retry).
    const turn = { presented: token, next: this.#ctx.tokens.seal({ ...claims, iat: Date.now() }) }
    const tokens = { ...turn, retryMs: options.resumeRetryMs }
    const taken = await state.take(claims.room, claims.roomKey, claims.id, tokens, socket.id)
    if (taken) {
      if (taken.previous !== null && taken.previous !== socket.id) {
        const previous = io.of('/').sockets.get(taken.previous)
        if (previous) {
          // The old connection is dead but its close not yet noticed: it must not drop the seat later.
          this.detach(previous)
          previous.disconnect(true)
        } else {
          // Held on another node: that node closes it (its drop then finds the seat taken).
          io.in(taken.previous).disconnectSockets(true)
        }
      }
      await this.leave(socket)
      const seat = this.attach(socket, taken.view.room, taken.member)
      await this.#rename(socket, seat, request.nickname)
      this.#ctx.log.debug({ room: claims.room, member: claims.id }, 'resumed')
      return this.#settle(socket, joinResult(this.#ctx.options, taken.view, seat))
    }
    if (Date.now() - claims.iat >= MAX_TOKEN_AGE_MS) return null
    const room = roomFromClaims(claims, this.#ctx.options.capacity)
    const member: SeatRecord = {
      id: claims.id,
      nickname: request.nickname,
      media: { audio: false, video: false, screen: false },
      token: turn.next,
      retryToken: token,
      retryUntil: Date.now() + options.resumeRetryMs,
      role: 'member',
      address: socket.data.address,
      skeleton: skeleton(request.nickname),
    }
    const rebuilt = await this.#seat(socket, { mode: 'rebuild', room, member })
    return rebuilt === 'retry' ? null : rebuilt
  }

  /**
   * A connection that closed while its join was with the state gets its seat anyway (others may
   * have seen it already), and that seat starts its grace period at once.
   */
  #settle(socket: NoomSocket, result: Ack<JoinResult>): Ack<JoinResult> {
    if (!socket.connected) this.#persist(this.drop(socket))
    return result
  }

  /** Tells the room a seat ended (a removed member's own socket is told otherwise). */
  announceLeft(departure: Departure, id: string, reason: PeerLeftReason): void {
    const { room } = departure
    this.#ctx.io
      .to(channel.room(room.name))
      .except(channel.member(id))
      .emit('peer:left', { id, reason })
    this.#ctx.roomsChanged()
    this.#ctx.log.debug({ room: room.name, member: id, reason }, 'left')
    for (const listener of this.#departed) listener(departure)
  }

  /**
   * A join or resume that brings a new nickname renames the seat as profile:update does: checked
   * against the others' skeletons and stored in one step. A look-alike keeps the seat's old name
   * (the seat itself is not refused, so a resumed call keeps its media).
   */
  async #rename(socket: NoomSocket, seat: LocalSeat, nickname: string): Promise<void> {
    if (seat.member.nickname === nickname) return
    const shape = skeleton(nickname)
    const renamed = await this.#ctx.state.rename(seat.room.name, seat.member.id, nickname, shape)
    if (renamed === 'taken') return
    seat.member.nickname = nickname
    seat.member.skeleton = shape
    this.update(socket, seat)
  }

  attach(socket: NoomSocket, room: RoomInfo, member: SeatRecord): LocalSeat {
    const seat: LocalSeat = { room, member: { ...member, media: { ...member.media } } }
    socket.data.seat = seat
    socket.data.room = room.name
    socket.data.memberId = member.id
    const channels = [channel.room(room.name), channel.member(member.id)]
    if (member.role === 'host') channels.push(channel.hosts(room.name))
    void socket.join(channels)
    return seat
  }

  /** Forgets `socket`'s seat on this node (the state is the caller's business). */
  detach(socket: NoomSocket): void {
    const { room, memberId } = socket.data
    if (room !== null) void socket.leave(channel.room(room))
    if (room !== null) void socket.leave(channel.hosts(room))
    if (memberId !== null) void socket.leave(channel.member(memberId))
    socket.data.seat = null
    socket.data.room = null
    socket.data.memberId = null
  }
}
