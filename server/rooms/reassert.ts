/** Putting back the seats a node holds after the shared state was out of reach (Redis only). */
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import { toParticipant } from '../state/types.js'
import type { LocalSeat } from './seat-result.js'
import type { Seats } from './seats.js'

/** Seats put back at once after the shared state was out of reach. */
const REASSERT_BATCH = 100

export async function reassertAll(ctx: ServerContext, seats: Seats): Promise<void> {
  const held = [...ctx.io.of('/').sockets.values()].flatMap((socket) =>
    socket.data.seat ? [{ socket, seat: socket.data.seat }] : [],
  )
  // In batches: one node may hold thousands of seats, and each is one script in Redis.
  for (let i = 0; i < held.length; i += REASSERT_BATCH) {
    await Promise.all(
      held
        .slice(i, i + REASSERT_BATCH)
        .map(({ socket, seat }) =>
          reassert(ctx, seats, socket, seat).catch((err: unknown) =>
            ctx.log.warn({ err, member: seat.member.id }, 'could not put a seat back'),
          ),
        ),
    )
  }
}

async function reassert(
  ctx: ServerContext,
  seats: Seats,
  socket: NoomSocket,
  seat: LocalSeat,
): Promise<void> {
  const { room, member } = seat
  if (!socket.connected) return
  const outcome = await ctx.state.seat({ mode: 'reassert', room, member, holder: socket.id })
  if (outcome.kind === 'seated') {
    // The others may have seen it leave, or lost the room: a known id rejoining keeps its calls.
    if (outcome.added) {
      socket.to(channel.room(room.name)).emit('peer:joined', toParticipant(member))
      ctx.roomsChanged()
    }
    // Closed meanwhile: its drop found nothing to hold, so start the grace period now.
    if (!socket.connected) await seats.drop(socket)
    return
  }
  // Taken over elsewhere, or the room filled or was made anew meanwhile: this seat is gone.
  ctx.log.info({ room: room.name, member: member.id }, 'seat lost while out of touch')
  seats.detach(socket)
  socket.disconnect(true)
}
