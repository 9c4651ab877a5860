/**
 * A fresh `room:join` (not a resume): the password (passwords.ts), then the room's admission — `open` seats at
 * once, `knock` (or an address a host removed) holds the join for a host, `closed` refuses — or,
 * when no room has that name, the room is made with the joiner as its host.
 */
import { randomUUID } from 'node:crypto'
import { fail, type Ack, type JoinRequest, type JoinResult } from '../../protocol/index.js'
import type { NoomSocket, ServerContext } from '../context.js'
import type { Held } from '../handle.js'
import type { Knocks } from '../hosts/knocks.js'
import { skeleton } from '../hosts/nickname.js'
import type { RoomInfo, SeatMode, SeatRecord } from '../state/types.js'
import { checkGuess, newPasswordHash } from './passwords.js'
import { claimsFor } from './seat-result.js'

export type JoinAnswer = Ack<JoinResult> | Held<Ack<JoinResult>>
export type SeatNew = (
  socket: NoomSocket,
  seating: { mode: SeatMode; room: RoomInfo; member: SeatRecord },
) => Promise<Ack<JoinResult> | 'retry'>

const MEDIA_OFF = { audio: false, video: false, screen: false } as const

/** One try at a fresh join; 'retry' when the room appeared or vanished meanwhile. */
export async function admit(
  ctx: ServerContext,
  knocks: Knocks,
  seat: SeatNew,
  socket: NoomSocket,
  request: JoinRequest,
): Promise<JoinAnswer | 'retry'> {
  const found = await ctx.state.find(request.room)
  if (!found) return create(ctx, seat, socket, request)
  if (found.passwordHash !== null) {
    const { name, passwordHash } = found
    const refused = await checkGuess(
      ctx,
      { name, passwordHash },
      socket.data.address,
      request.password,
    )
    if (refused) return refused
  }
  if (found.admission === 'closed') {
    return fail('room_closed', 'This room takes no one new at the moment.')
  }
  const enter = () =>
    seat(socket, { mode: 'join', room: found, member: newMember(ctx, socket, found, request) })
  if (found.admission === 'knock' || (await ctx.state.barred(found.name, socket.data.address))) {
    const held = await knocks.knock(socket, found, request.nickname, async () => {
      const seated = await enter()
      return seated === 'retry' ? fail('internal', 'The room changed; please try again.') : seated
    })
    return held
  }
  return enter()
}

async function create(
  ctx: ServerContext,
  seat: SeatNew,
  socket: NoomSocket,
  request: JoinRequest,
): Promise<Ack<JoinResult> | 'retry'> {
  const passwordHash =
    request.password === undefined ? null : await newPasswordHash(ctx, request.password)
  if (typeof passwordHash === 'object' && passwordHash !== null) return passwordHash
  const room: RoomInfo = {
    name: request.room,
    key: randomUUID(),
    // v1.1: private unless the creator asks for a listing.
    visibility: request.visibility ?? 'private',
    passwordHash,
    capacity: ctx.options.capacity,
    admission: request.admission ?? 'open',
  }
  const member = { ...newMember(ctx, socket, room, request), role: 'host' as const }
  return seat(socket, { mode: 'create', room, member })
}

function newMember(
  ctx: ServerContext,
  socket: NoomSocket,
  room: RoomInfo,
  request: JoinRequest,
): SeatRecord {
  const id = randomUUID()
  return {
    id,
    nickname: request.nickname,
    media: { ...MEDIA_OFF },
    token: ctx.tokens.seal(claimsFor(room, id)),
    role: 'member',
    address: socket.data.address,
    skeleton: skeleton(request.nickname),
  }
}
