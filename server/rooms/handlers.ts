/** room:join and room:leave, and what a closed connection does to a seat. */
import { fail } from '../../protocol/index.js'
import type { NoomSocket, ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import type { Seats } from './seats.js'

export function registerRoomHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  handle(ctx, socket, 'room:join', (request) => seats.join(socket, request))
  handle(ctx, socket, 'room:leave', () =>
    seats.leave(socket) ? ok({}) : fail('not_in_room', 'You are not in a room.'),
  )
  socket.on('disconnect', () => seats.drop(socket))
}
