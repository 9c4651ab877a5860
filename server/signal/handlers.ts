/** signal:send: WebRTC negotiation relayed to one member of the sender's own room, and no one else. */
import { fail } from '../../protocol/index.js'
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import type { Seats } from '../rooms/seats.js'

export function registerSignalHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  handle(ctx, socket, 'signal:send', async ({ to, payload }) => {
    const seat = seats.current(socket)
    if (!seat) return fail('not_in_room', 'Join a room before signalling.')
    if (to === seat.member.id || !(await seats.isPeer(seat, to))) {
      return fail('unknown_peer', 'That member is not in your room.')
    }
    // The parsed payload is relayed, never the raw one: only fields of the schema reach the peer.
    // The member's own channel reaches it on whichever node holds its connection.
    ctx.io.to(channel.member(to)).emit('signal', { from: seat.member.id, payload })
    return ok({})
  })
}
