/** chat:send: the server stamps each message and keeps the room's recent history. */
import { randomUUID } from 'node:crypto'
import { fail, type ChatMessage } from '../../protocol/index.js'
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import type { Seats } from '../rooms/seats.js'

export function registerChatHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  handle(ctx, socket, 'chat:send', ({ text }) => {
    const seat = seats.current(socket)
    if (!seat) return fail('not_in_room', 'Join a room before sending messages.')
    const message: ChatMessage = {
      id: randomUUID(),
      from: seat.member.id,
      nickname: seat.member.nickname,
      text,
      ts: Date.now(),
    }
    // Not awaited: the message reaches the room even when the history cannot be written. Writes
    // from one node reach Redis in order, so a later join through this node still sees it.
    ctx.state
      .addMessage(seat.room, message)
      .catch((err: unknown) => ctx.log.warn({ err }, 'chat history not written'))
    socket.to(channel.room(seat.room.name)).emit('chat:message', message)
    return ok({ message })
  })
}
