/** media:update and profile:update: a member's own state, passed on to the others as peer:updated. */
import { fail } from '../../protocol/index.js'
import type { NoomSocket, ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import type { LocalSeat } from '../rooms/seat-result.js'
import type { Seats } from '../rooms/seats.js'

export function registerMemberHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  const update = (change: (member: LocalSeat['member']) => void) => {
    const seat = seats.current(socket)
    if (!seat) return fail('not_in_room', 'Join a room first.')
    change(seat.member)
    seats.update(socket, seat)
    return ok({})
  }
  handle(ctx, socket, 'media:update', (media) => update((member) => (member.media = media)))
  handle(ctx, socket, 'profile:update', ({ nickname }) =>
    update((member) => (member.nickname = nickname)),
  )
}
