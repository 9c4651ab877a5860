/** What a connection knows of the seat it holds, and the join ack built from it. */
import type { JoinResult } from '../../protocol/index.js'
import type { ResolvedOptions } from '../options.js'
import type { ResumeClaims } from '../security/resume-token.js'
import {
  describeRoom,
  toParticipant,
  type RoomInfo,
  type RoomView,
  type SeatRecord,
} from '../state/types.js'
import { seatIceServers } from '../turn/credentials.js'

/**
 * The seat a connection holds, kept on the connection itself (`socket.data.seat`). Only this node
 * changes its member's nickname and media, so this copy is current; it is what lets the node stamp
 * chat and relay signals for its own members while the shared state cannot be reached.
 */
export interface LocalSeat {
  readonly room: RoomInfo
  readonly member: SeatRecord
}

export function joinResult(
  options: ResolvedOptions,
  view: RoomView,
  seat: LocalSeat,
): { ok: true } & JoinResult {
  const { room } = view
  const self = seat.member
  return {
    ok: true,
    self: toParticipant(self),
    token: self.token,
    peers: view.members.filter((m) => m.id !== self.id).map(toParticipant),
    history: [...view.history],
    // Minted afresh for every ack, a resume's too, so a client that comes back gets a full TTL;
    // TURN only when someone else is seated (turn/credentials.ts).
    iceServers: seatIceServers(options, view.members, self.id),
    capacity: room.capacity,
    room: describeRoom(room, view.members.length),
  }
}

/** The claims sealed into a new seat's resume token. */
export function claimsFor(room: RoomInfo, id: string): ResumeClaims {
  return {
    v: 1,
    id,
    room: room.name,
    roomKey: room.key,
    visibility: room.visibility,
    passwordHash: room.passwordHash,
    admission: room.admission,
    iat: Date.now(),
  }
}

/** The room a resume token names, as it was when the token was sealed. */
export function roomFromClaims(claims: ResumeClaims, capacity: number): RoomInfo {
  return {
    name: claims.room,
    key: claims.roomKey,
    visibility: claims.visibility,
    passwordHash: claims.passwordHash,
    capacity,
    admission: claims.admission ?? 'open',
  }
}
