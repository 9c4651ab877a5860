/** The host actions of MemoryRoomState, on one room of the registry, each done in one step. */
import type { Member, Room } from '../rooms/registry.js'
import type {
  ActOutcome,
  ConfigureOutcome,
  Departure,
  HostAction,
  KnockTaken,
  RoomChange,
  RoomInfo,
  SeatRecord,
  TokenTurn,
} from './types.js'

/** Copies handed out, so no caller holds the registry's own objects. */
export function info(room: Room): RoomInfo {
  const { name, key, visibility, passwordHash, capacity, admission } = room
  return { name, key, visibility, passwordHash, capacity, admission }
}

export function record(member: Member): SeatRecord {
  const { id, nickname, token, role, address, skeleton, retryToken, retryUntil } = member
  const retry = retryToken === undefined ? {} : { retryToken, retryUntil: retryUntil ?? 0 }
  return { id, nickname, media: { ...member.media }, token, role, address, skeleton, ...retry }
}

const isHost = (room: Room, id: string) => room.members.get(id)?.role === 'host'

export function configureRoom(room: Room, actor: string, change: RoomChange): ConfigureOutcome {
  if (!isHost(room, actor)) return { kind: 'forbidden' }
  if (change.admission !== undefined) room.admission = change.admission
  if (change.visibility !== undefined) room.visibility = change.visibility
  if (change.passwordHash !== undefined) room.passwordHash = change.passwordHash
  return { kind: 'done', room: info(room), participants: room.members.size }
}

export function actOn(
  room: Room,
  actor: string,
  targetId: string,
  action: HostAction,
  remove: (id: string) => Departure,
): ActOutcome {
  if (!isHost(room, actor)) return { kind: 'forbidden' }
  const target = room.members.get(targetId)
  if (!target || targetId === actor) return { kind: 'unknown' }
  switch (action.kind) {
    case 'remove':
      room.barred.add(target.address)
      return { kind: 'done', target: record(target), departure: remove(targetId) }
    case 'mute':
      target.media = { ...target.media, [action.media]: false }
      break
    case 'promote':
      target.role = 'host'
      break
    default: {
      const unknown: never = action
      throw new Error(`unknown host action ${String(unknown)}`)
    }
  }
  return { kind: 'done', target: record(target), departure: null }
}

export function takeKnock(room: Room, id: string, actor: string | null): KnockTaken {
  if (actor !== null && !isHost(room, actor)) return 'forbidden'
  const nickname = room.knocks.get(id)
  if (nickname === undefined) return 'gone'
  room.knocks.delete(id)
  return { nickname }
}

/**
 * Whether `presented` may resume `member` now: its current token, or the one just used within its
 * retry window. If so, `next` becomes the seat's token.
 */
export function turnToken(member: Member, turn: TokenTurn, now = Date.now()): boolean {
  const { presented, next, retryMs } = turn
  if (member.token === presented) {
    member.retryToken = presented
    member.retryUntil = now + retryMs
  } else if (member.retryToken !== presented || now >= (member.retryUntil ?? 0)) {
    return false
  }
  member.token = next
  return true
}
