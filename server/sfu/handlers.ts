/**
 * sfu:* (protocol v1.2, docs/sfu.md): a member's media through the room's SFU. Until rooms move to
 * an SFU (issue 13, being built), every room's media is a mesh, so each request from a seated
 * member is answered `sfu_unavailable` and changes nothing; one from a connection without a seat,
 * `not_in_room`.
 */
import { CLIENT_EVENTS, fail, type ClientEvent } from '../../protocol/index.js'
import type { NoomSocket, ServerContext } from '../context.js'
import { handle } from '../handle.js'
import type { Seats } from '../rooms/seats.js'

const SFU_EVENTS = (Object.keys(CLIENT_EVENTS) as ClientEvent[]).filter((event) =>
  event.startsWith('sfu:'),
)

export function registerSfuHandlers(ctx: ServerContext, seats: Seats, socket: NoomSocket): void {
  for (const event of SFU_EVENTS) {
    handle(ctx, socket, event, () =>
      seats.current(socket)
        ? fail(
            'sfu_unavailable',
            "This room's calls go directly between its members, not through a media server.",
          )
        : fail('not_in_room', 'Join a room first.'),
    )
  }
}
