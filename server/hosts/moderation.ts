/**
 * What follows from a host's action or a hand-over, on every node: role and media changes reach
 * the node holding the member's socket (its LocalSeat copy, the hosts channel), a removed member
 * leaves the room there and hears `room:removed`, and a new host hears the knocks already waiting.
 */
import { channel, type SeatChange, type ServerContext } from '../context.js'
import type { Seats } from '../rooms/seats.js'
import { toParticipant, type Departure, type SeatRecord } from '../state/types.js'

export class Moderation {
  readonly #ctx: ServerContext
  readonly #seats: Seats

  constructor(ctx: ServerContext, seats: Seats) {
    this.#ctx = ctx
    this.#seats = seats
    seats.onDeparture((departure) => void this.#departed(departure))
    ctx.cluster.on('noom:seat-changed', (change) => this.#apply(change))
  }

  /** `member` became a host: everyone sees it; it joins the hosts and hears who is waiting. */
  async promoted(room: string, member: SeatRecord): Promise<void> {
    const { io, cluster, state } = this.#ctx
    io.to(channel.room(room)).emit('peer:updated', toParticipant(member))
    cluster.emit('noom:seat-changed', { room, id: member.id, role: 'host' })
    for (const knock of await state.knocks(room)) {
      io.to(channel.member(member.id)).emit('knock:request', knock)
    }
  }

  async #departed({ room, promoted, emptied }: Departure): Promise<void> {
    if (emptied) this.#ctx.cluster.emit('noom:room-emptied', { name: room.name, key: room.key })
    if (!promoted) return
    this.#ctx.tally.emit('handover')
    await this.promoted(room.name, promoted).catch((err: unknown) =>
      this.#ctx.log.warn({ err }, 'new host not told of waiting knocks'),
    )
  }

  /** Applies a change to the seat this node holds, if it holds it. */
  #apply(change: SeatChange): void {
    const { io } = this.#ctx
    const holders = io.of('/').adapter.rooms.get(channel.member(change.id)) ?? []
    for (const socketId of holders) {
      const socket = io.of('/').sockets.get(socketId)
      const seat = socket?.data.seat
      if (!socket || seat?.room.name !== change.room) continue
      if (change.removedBy !== undefined) {
        this.#seats.detach(socket)
        socket.emit('room:removed', { by: change.removedBy })
        continue
      }
      if (change.role) seat.member.role = change.role
      if (change.role === 'host') void socket.join(channel.hosts(change.room))
      if (change.media) seat.member.media = { ...change.media }
    }
  }
}
