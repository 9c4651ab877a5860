/**
 * Seats: who holds which place in which room, through joins, leaves, dropped connections and resumes.
 * A member whose connection drops keeps its seat for the grace period; coming back with its resume
 * token within it keeps its id, and the others see neither a leave nor a join.
 */
import { randomUUID } from 'node:crypto'
import { fail, type Ack, type JoinRequest, type JoinResult } from '../../protocol/index.js'
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import { ok } from '../handle.js'
import { hashPassword, verifyPassword } from '../security/password.js'
import type { ResumeClaims } from '../security/resume-token.js'
import { iceServersFor } from '../turn/credentials.js'
import { summarize, toParticipant, type Member, type Room } from './registry.js'

/** A token older than this cannot rebuild a seat its server has forgotten. */
const MAX_TOKEN_AGE_MS = 24 * 60 * 60 * 1000
/** Tries at a join whose room appeared or vanished while a password was being hashed or checked. */
const JOIN_ATTEMPTS = 3

export class Seats {
  readonly #ctx: ServerContext
  readonly #startedAt = Date.now()
  readonly #graceTimers = new Map<string, NodeJS.Timeout>()
  /** Members who left since start, so their tokens cannot rebuild a seat in the restart window. */
  readonly #ended = new Set<string>()

  readonly #endedExpiry: NodeJS.Timeout

  constructor(ctx: ServerContext) {
    this.#ctx = ctx
    // Past the restart window no token can rebuild a seat, so the record of ended ones can go.
    this.#endedExpiry = setTimeout(() => this.#ended.clear(), ctx.options.resumeGraceMs)
    this.#endedExpiry.unref()
  }

  /** The room and seat `socket` holds, if any. */
  current(socket: NoomSocket): { room: Room; member: Member } | null {
    const { room: name, memberId } = socket.data
    if (name === null || memberId === null) return null
    const room = this.#ctx.registry.get(name)
    const member = room?.members.get(memberId)
    return room && member ? { room, member } : null
  }

  /**
   * Seats `socket` in the requested room. A socket already in another room gives that seat up only
   * once the new one is taken, so a refused join leaves it where it was; joining the room it is
   * already in answers with its current seat.
   */
  async join(socket: NoomSocket, request: JoinRequest): Promise<Ack<JoinResult>> {
    // Events wait their turn; one that comes due after its connection closed must not take a seat.
    if (!socket.connected) return fail('internal', 'disconnected')
    const current = this.current(socket)
    if (current?.room.name === request.room) {
      this.#rename(socket, current.room, current.member, request.nickname)
      return this.#result(current.room, current.member)
    }
    if (request.resume !== undefined) {
      const claims = this.#ctx.tokens.open(request.resume)
      const resumed = claims?.room === request.room && this.#resume(socket, claims, request)
      if (resumed) return resumed
      this.#ctx.log.debug({ socket: socket.id }, 'resume refused; joining afresh')
    }
    for (let attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) {
      const result = await this.#tryJoin(socket, request)
      if (result !== 'retry') return result
    }
    return fail('internal', 'The room changed while you were joining; please try again.')
  }

  /** Gives up `socket`'s seat at once and tells the others. False when it held none. */
  leave(socket: NoomSocket): boolean {
    const seat = this.current(socket)
    this.#detach(socket)
    if (!seat) return false
    this.#remove(seat.room, seat.member.id, 'left')
    return true
  }

  /** The socket's connection closed: its seat is held for the grace period. */
  drop(socket: NoomSocket): void {
    const seat = this.current(socket)
    if (!seat || seat.member.socketId !== socket.id) return
    seat.member.socketId = null
    const { name } = seat.room
    const { id } = seat.member
    const timer = setTimeout(() => {
      this.#graceTimers.delete(id)
      const member = this.#ctx.registry.member(name, id)
      const room = this.#ctx.registry.get(name)
      if (room && member?.socketId === null) this.#remove(room, id, 'disconnected')
    }, this.#ctx.options.resumeGraceMs)
    timer.unref()
    this.#graceTimers.set(id, timer)
  }

  close(): void {
    clearTimeout(this.#endedExpiry)
    for (const timer of this.#graceTimers.values()) clearTimeout(timer)
    this.#graceTimers.clear()
  }

  async #tryJoin(socket: NoomSocket, request: JoinRequest): Promise<Ack<JoinResult> | 'retry'> {
    const { registry } = this.#ctx
    let room = registry.get(request.room)
    if (room) {
      if (room.passwordHash !== null) {
        if (request.password === undefined) {
          return fail('wrong_password', 'This room is locked; enter its password to join.')
        }
        if (!(await verifyPassword(request.password, room.passwordHash))) {
          return fail('wrong_password', 'That password is not right for this room.')
        }
      }
      if (registry.get(request.room) !== room) return 'retry'
    } else {
      const passwordHash =
        request.password === undefined ? null : await hashPassword(request.password)
      if (registry.get(request.room)) return 'retry'
      if (!socket.connected) return fail('internal', 'disconnected')
      room = registry.create(request.room, {
        visibility: request.visibility ?? 'public',
        passwordHash,
      })
    }
    const member: Member = {
      id: randomUUID(),
      nickname: request.nickname,
      media: { audio: false, video: false, screen: false },
      socketId: socket.id,
      token: '',
    }
    member.token = this.#ctx.tokens.seal(this.#claims(room, member.id))
    return this.#seat(socket, room, member)
  }

  /** Seats a new member (or one rebuilt from a token) and tells the others. */
  #seat(socket: NoomSocket, room: Room, member: Member): Ack<JoinResult> {
    if (!socket.connected) return fail('internal', 'disconnected')
    if (room.members.size >= room.capacity) {
      return fail('room_full', `This room is full (${room.capacity} people).`)
    }
    this.leave(socket)
    this.#ctx.registry.addMember(room, member)
    this.#attach(socket, room, member)
    socket.to(channel.room(room.name)).emit('peer:joined', toParticipant(member))
    if (room.visibility === 'public') this.#ctx.roomsChanged()
    this.#ctx.log.debug({ room: room.name, member: member.id }, 'joined')
    return this.#result(room, member)
  }

  /** Takes a held seat back, or rebuilds one a restarted server forgot. Null when neither applies. */
  #resume(socket: NoomSocket, claims: ResumeClaims, request: JoinRequest): Ack<JoinResult> | null {
    const { registry, io } = this.#ctx
    const room = registry.get(claims.room)
    if (room && room.key !== claims.roomKey) return null
    const member = room?.members.get(claims.id)
    if (room && member) {
      if (member.token !== request.resume) return null
      const previous =
        member.socketId === null ? undefined : io.sockets.sockets.get(member.socketId)
      if (previous && previous !== socket) {
        // The old connection is dead but its close not yet noticed: it must not drop the seat later.
        this.#detach(previous)
        previous.disconnect(true)
      }
      this.leave(socket)
      this.#cancelGrace(member.id)
      member.socketId = socket.id
      this.#attach(socket, room, member)
      this.#rename(socket, room, member, request.nickname)
      this.#ctx.log.debug({ room: room.name, member: member.id }, 'resumed')
      return this.#result(room, member)
    }
    const inRestartWindow = Date.now() - this.#startedAt < this.#ctx.options.resumeGraceMs
    const fresh = Date.now() - claims.iat < MAX_TOKEN_AGE_MS
    if (!inRestartWindow || !fresh || this.#ended.has(claims.id)) return null
    const target =
      room ??
      registry.create(claims.room, {
        visibility: claims.visibility,
        passwordHash: claims.passwordHash,
        key: claims.roomKey,
      })
    const rebuilt: Member = {
      id: claims.id,
      nickname: request.nickname,
      media: { audio: false, video: false, screen: false },
      socketId: socket.id,
      token: request.resume ?? '',
    }
    return this.#seat(socket, target, rebuilt)
  }

  #result(room: Room, member: Member): Ack<JoinResult> {
    const peers = [...room.members.values()].filter((m) => m.id !== member.id).map(toParticipant)
    return ok({
      self: toParticipant(member),
      token: member.token,
      peers,
      history: [...room.history],
      // Minted afresh for every ack, a resume's too, so a client that comes back gets a full TTL.
      iceServers: iceServersFor({
        iceServers: this.#ctx.options.iceServers,
        turn: this.#ctx.options.turn,
        memberId: member.id,
        now: Date.now(),
      }),
      capacity: room.capacity,
      room: { ...summarize(room), visibility: room.visibility },
    })
  }

  #rename(socket: NoomSocket, room: Room, member: Member, nickname: string): void {
    if (member.nickname === nickname) return
    member.nickname = nickname
    socket.to(channel.room(room.name)).emit('peer:updated', toParticipant(member))
  }

  #claims(room: Room, id: string): ResumeClaims {
    return {
      v: 1,
      id,
      room: room.name,
      roomKey: room.key,
      visibility: room.visibility,
      passwordHash: room.passwordHash,
      iat: Date.now(),
    }
  }

  #attach(socket: NoomSocket, room: Room, member: Member): void {
    socket.data.room = room.name
    socket.data.memberId = member.id
    void socket.join([channel.room(room.name), channel.member(member.id)])
  }

  #detach(socket: NoomSocket): void {
    const { room, memberId } = socket.data
    if (room !== null) void socket.leave(channel.room(room))
    if (memberId !== null) void socket.leave(channel.member(memberId))
    socket.data.room = null
    socket.data.memberId = null
  }

  #remove(room: Room, id: string, reason: 'left' | 'disconnected'): void {
    this.#cancelGrace(id)
    if (!this.#ctx.registry.removeMember(room.name, id)) return
    if (Date.now() - this.#startedAt < this.#ctx.options.resumeGraceMs) this.#ended.add(id)
    this.#ctx.io.to(channel.room(room.name)).emit('peer:left', { id, reason })
    if (room.visibility === 'public') this.#ctx.roomsChanged()
    this.#ctx.log.debug({ room: room.name, member: id, reason }, 'left')
  }

  #cancelGrace(id: string): void {
    clearTimeout(this.#graceTimers.get(id))
    this.#graceTimers.delete(id)
  }
}
