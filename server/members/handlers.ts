/**
 * media:update and profile:update: a member's own state, passed on to the others as peer:updated.
 * A nickname that looks like another member's (same UTS #39 skeleton) is refused.
 */
import { fail } from '../../protocol/index.js'
import type { NoomSocket, ServerContext } from '../context.js'
import { handle, ok } from '../handle.js'
import type { LocalSeat } from '../rooms/seat-result.js'
import type { Seats } from '../rooms/seats.js'
import { skeleton } from '../hosts/nickname.js'

export function registerMemberHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  const update = (change: (member: LocalSeat['member']) => void) => {
    const seat = seats.current(socket)
    if (!seat) return fail('not_in_room', 'Join a room first.')
    change(seat.member)
    seats.update(socket, seat)
    return ok({})
  }
  handle(ctx, socket, 'media:update', (media) => update((member) => (member.media = media)))
  handle(ctx, socket, 'profile:update', async ({ nickname }) => {
    const seat = seats.current(socket)
    if (!seat) return fail('not_in_room', 'Join a room first.')
    const shape = skeleton(nickname)
    // Checked and stored in one step, so two members cannot take look-alike names at once.
    if ((await ctx.state.rename(seat.room.name, seat.member.id, nickname, shape)) === 'taken') {
      return fail('nickname_taken', 'Someone in this room has a name that looks like that one.')
    }
    return update((member) => {
      member.nickname = nickname
      member.skeleton = shape
    })
  })
}
