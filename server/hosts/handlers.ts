/**
 * The host actions of protocol v1.1 (room:update, knock:answer, member:remove, member:mute,
 * member:promote), and ice:refresh for any member. The state checks, in the same step as the
 * change, that the sender is a host and the target a member of the same room: a member gets
 * `forbidden`, a host naming anyone outside its room `unknown_peer`.
 */
import { fail, type Ack, type RoomUpdate } from '../../protocol/index.js'
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import { newPasswordHash, type Refusal } from '../rooms/passwords.js'
import type { LocalSeat } from '../rooms/seat-result.js'
import type { Seats } from '../rooms/seats.js'
import { describeRoom, toParticipant, type HostAction, type RoomChange } from '../state/types.js'
import { seatIceServers } from '../turn/credentials.js'
import type { Moderation } from './moderation.js'

const NOT_SEATED = fail('not_in_room', 'Join a room first.')
const FORBIDDEN = fail('forbidden', 'Only a host of this room can do that.')
const UNKNOWN = fail('unknown_peer', 'That member is not in your room.')

export function registerHostHandlers(
  ctx: ServerContext,
  seats: Seats,
  moderation: Moderation,
  socket: NoomSocket,
): void {
  registerRoomHandlers(ctx, seats, socket)
  registerMemberActions(ctx, seats, moderation, socket)
}

/** room:update, knock:answer and ice:refresh. */
function registerRoomHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  const { io, state, cluster, tally } = ctx
  handle(ctx, socket, 'room:update', async (update) => {
    const seat = seats.current(socket)
    if (!seat) return NOT_SEATED
    const { room } = seat
    // Spares a member the password hashing; the state checks the role again, in the same step.
    if (seat.member.role !== 'host') return FORBIDDEN
    const changed = await change(ctx, update)
    if ('ok' in changed) return changed
    const outcome = await state.configure(room.name, room.key, seat.member.id, changed)
    if (outcome.kind === 'forbidden') return FORBIDDEN
    const info = describeRoom(outcome.room, outcome.participants)
    io.to(channel.room(room.name)).emit('room:updated', info)
    ctx.roomsChanged()
    if (update.admission !== undefined) tally.emit('admission', update.admission)
    return ok({ room: info })
  })

  handle(ctx, socket, 'knock:answer', ({ id, admit }) =>
    seated(seats, socket, async (seat) => {
      const taken = await state.takeKnock(seat.room.name, id, seat.member.id)
      if (taken === 'forbidden') return FORBIDDEN
      if (taken === 'gone') return fail('unknown_peer', 'Nobody is waiting with that knock.')
      const outcome = admit ? 'admitted' : 'denied'
      io.to(channel.hosts(seat.room.name)).emit('knock:resolved', { id, outcome })
      tally.emit('knock', outcome)
      cluster.emit('noom:knock-answered', { id, admit })
      return ok({})
    }),
  )

  // TURN credentials only while someone else is seated in the room (turn/credentials.ts).
  handle(ctx, socket, 'ice:refresh', async () => {
    const seat = seats.current(socket)
    if (!seat) return NOT_SEATED
    const { room, member } = seat
    const members = (await state.view(room.name, room.key))?.members ?? []
    return ok({ iceServers: seatIceServers(ctx.options, members, member.id) })
  })
}

/** member:remove, member:mute and member:promote. */
function registerMemberActions(
  ctx: ServerContext,
  seats: Seats,
  moderation: Moderation,
  socket: NoomSocket,
): void {
  const { io, state, cluster, tally } = ctx
  /** Runs `action` on `id`; `then` tells everyone concerned. */
  const act = (id: string, action: HostAction, then: Parameters<typeof done>[2]) =>
    seated(seats, socket, async (seat) =>
      done(seat, await state.act(seat.room.name, seat.member.id, id, action), then),
    )

  handle(ctx, socket, 'member:remove', ({ id }) =>
    act(id, { kind: 'remove' }, (seat, { departure }) => {
      if (departure) seats.announceLeft(departure, id, 'removed')
      cluster.emit('noom:seat-changed', {
        room: seat.room.name,
        id,
        removedBy: seat.member.nickname,
      })
      tally.emit('removal')
    }),
  )

  handle(ctx, socket, 'member:mute', ({ id, kind }) =>
    act(id, { kind: 'mute', media: kind }, (seat, { target }) => {
      const name = seat.room.name
      io.to(channel.member(id)).emit('member:muted', { kind, by: seat.member.nickname })
      io.to(channel.room(name))
        .except(channel.member(id))
        .emit('peer:updated', toParticipant(target))
      cluster.emit('noom:seat-changed', { room: name, id, media: target.media })
    }),
  )

  handle(ctx, socket, 'member:promote', ({ id }) =>
    act(
      id,
      { kind: 'promote' },
      (seat, { target }) => void moderation.promoted(seat.room.name, target),
    ),
  )
}

/** Runs `run` with the socket's seat, or answers not_in_room. */
function seated(seats: Seats, socket: NoomSocket, run: (seat: LocalSeat) => Promise<Ack>) {
  const seat = seats.current(socket)
  return seat ? run(seat) : Promise.resolve(NOT_SEATED)
}

function done(
  seat: LocalSeat,
  outcome: Awaited<ReturnType<ServerContext['state']['act']>>,
  then: (seat: LocalSeat, result: Extract<typeof outcome, { kind: 'done' }>) => void,
): Ack {
  if (outcome.kind === 'forbidden') return FORBIDDEN
  if (outcome.kind === 'unknown') return UNKNOWN
  then(seat, outcome)
  return ok({})
}

/** The change as the state takes it (a new password hashed, `null` clearing it), or why not. */
async function change(
  ctx: ServerContext,
  { admission, visibility, password }: RoomUpdate,
): Promise<RoomChange | Refusal> {
  const passwordHash =
    typeof password === 'string' ? await newPasswordHash(ctx, password) : password
  if (typeof passwordHash === 'object' && passwordHash !== null) return passwordHash
  return {
    ...(admission !== undefined && { admission }),
    ...(visibility !== undefined && { visibility }),
    ...(passwordHash !== undefined && { passwordHash }),
  }
}
