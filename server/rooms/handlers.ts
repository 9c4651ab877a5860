/** room:join and room:leave, and what a closed connection does to a seat. */
import { fail } from '../../protocol/index.js'
import type { NoomSocket, ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import type { Seats } from './seats.js'

export function registerRoomHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  handle(ctx, socket, 'room:join', (request) => seats.join(socket, request))
  handle(ctx, socket, 'room:leave', async () =>
    (await seats.leave(socket)) ? ok({}) : fail('not_in_room', 'You are not in a room.'),
  )
  // A client that calls disconnect() has gone for good; any other close may be a blip it comes back from.
  socket.on('disconnect', (reason) => {
    // A knock ends with its connection whatever the reason: a knocker is not in the room to resume.
    const done =
      reason === 'client namespace disconnect' ? seats.leave(socket) : seats.dropOrWithdraw(socket)
    // Nobody waits for this answer; a state that cannot be reached is retried when it comes back.
    done.catch((err: unknown) => ctx.log.warn({ err, socket: socket.id }, 'seat not released'))
  })
}
