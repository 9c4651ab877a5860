/**
 * How rooms, seats and messages are written in Redis and read back from script replies (RESP2:
 * strings, integers, nested arrays). Only this code writes these entries; one that does not parse
 * is skipped rather than failing the whole reply.
 */
import { admissionSchema, type ChatMessage, type RoomSummary } from '../../protocol/index.js'
import type { Departure, RoomInfo, RoomView, SeatRecord } from './types.js'

export type Reply = string | number | null | Reply[]

/** A seat as stored in `members:<name>` (after its "<seq>|" prefix). */
export function encodeRecord(member: SeatRecord): string {
  const { id, nickname, media, token, role, address, skeleton, retryToken, retryUntil } = member
  return JSON.stringify({
    id,
    nickname,
    media,
    token,
    role,
    address,
    skeleton,
    retryToken,
    retryUntil,
  })
}

/** [key, visibility, pw ('' = open), capacity, admission] as the scripts return a room's settings. */
export function decodeInfo(name: string, reply: readonly Reply[]): RoomInfo {
  const [key, visibility, pw, capacity, admission] = reply
  return {
    name,
    key: String(key),
    visibility: visibility === 'public' ? 'public' : 'private',
    passwordHash: typeof pw === 'string' && pw !== '' ? pw : null,
    capacity: Number(capacity),
    admission: admissionSchema.catch('open').parse(admission),
  }
}

/** remove_member's reply: the room's settings, then emptied (0/1) and the promoted member's JSON. */
export function decodeDeparture(name: string, reply: readonly Reply[]): Departure {
  const promoted = reply[6]
  return {
    room: decodeInfo(name, reply),
    emptied: reply[5] === 1,
    promoted: typeof promoted === 'string' && promoted !== '' ? parse<SeatRecord>(promoted) : null,
  }
}

/** [key, visibility, pw, capacity, member entries, chat entries] as `room_view` returns them. */
export function decodeView(name: string, reply: readonly Reply[]): RoomView {
  const members = asStrings(reply[4])
    .map((entry) => split(entry))
    .filter((entry) => entry !== null)
    .sort((a, b) => a.n - b.n)
    .map(({ rest }) => parse<SeatRecord>(rest))
    .filter((member) => member !== null)
  const history = asStrings(reply[5])
    .map((entry) => split(entry))
    .map((entry) => (entry === null ? null : parse<ChatMessage>(entry.rest)))
    .filter((message) => message !== null)
  const settings = [...reply.slice(0, 4), reply[6] ?? 'open']
  return { room: decodeInfo(name, settings), members, history }
}

function asStrings(reply: Reply | undefined): string[] {
  return Array.isArray(reply) ? reply.filter((item) => typeof item === 'string') : []
}

/** "<number>|<rest>" → { n, rest }. */
function split(entry: string): { n: number; rest: string } | null {
  const bar = entry.indexOf('|')
  const n = Number(entry.slice(0, bar))
  return bar > 0 && Number.isInteger(n) ? { n, rest: entry.slice(bar + 1) } : null
}

export function parse<T>(json: string): T | null {
  try {
    return JSON.parse(json) as T
  } catch {
    return null
  }
}

/** PUBLIC_ROOMS' reply: { name, members, capacity, locked (0/1), admission } per room. */
export function decodePublicRooms(reply: Reply[][]): RoomSummary[] {
  return reply.map(([name, participants, capacity, locked, admission]) => ({
    name: String(name),
    participants: Number(participants),
    capacity: Number(capacity),
    locked: locked === 1,
    admission: admissionSchema.catch('open').parse(admission),
  }))
}
