/** rooms:watch and rooms:unwatch. */
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import type { RoomListPublisher } from './publisher.js'

export function registerRoomListHandlers(
  ctx: ServerContext,
  publisher: RoomListPublisher,
  socket: NoomSocket,
): void {
  handle(ctx, socket, 'rooms:watch', async () => {
    await socket.join(channel.watchers)
    return ok({ rooms: await publisher.current() })
  })
  handle(ctx, socket, 'rooms:unwatch', async () => {
    await socket.leave(channel.watchers)
    return ok({})
  })
}
