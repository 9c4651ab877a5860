/** media:update and profile:update: a member's own state, passed on to the others as peer:updated. */
import { fail } from '../../protocol/index.js'
import { channel, type NoomSocket, type ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import { toParticipant, type Member, type Room } from '../rooms/registry.js'
import type { Seats } from '../rooms/seats.js'

export function registerMemberHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  const update = (change: (member: Member) => void) => {
    const seat = seats.current(socket)
    if (!seat) return fail('not_in_room', 'Join a room first.')
    change(seat.member)
    announce(socket, seat.room, seat.member)
    return ok({})
  }
  handle(ctx, socket, 'media:update', (media) => update((member) => (member.media = media)))
  handle(ctx, socket, 'profile:update', ({ nickname }) =>
    update((member) => (member.nickname = nickname)),
  )
}

function announce(socket: NoomSocket, room: Room, member: Member): void {
  socket.to(channel.room(room.name)).emit('peer:updated', toParticipant(member))
}
