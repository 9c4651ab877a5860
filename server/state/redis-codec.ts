/**
 * How rooms, seats and messages are written in Redis and read back from script replies (RESP2:
 * strings, integers, nested arrays). Only this code writes these entries; one that does not parse
 * is skipped rather than failing the whole reply.
 */
import type { ChatMessage } from '../../protocol/index.js'
import type { RoomInfo, RoomView, SeatRecord } from './types.js'

export type Reply = string | number | null | Reply[]

/** A seat as stored in `members:<name>` (after its "<seq>|" prefix). */
export function encodeRecord({ id, nickname, media, token }: SeatRecord): string {
  return JSON.stringify({ id, nickname, media, token })
}

/** [key, visibility, pw ('' = open), capacity] as the scripts return a room's settings. */
export function decodeInfo(name: string, reply: readonly Reply[]): RoomInfo {
  const [key, visibility, pw, capacity] = reply
  return {
    name,
    key: String(key),
    visibility: visibility === 'private' ? 'private' : 'public',
    passwordHash: typeof pw === 'string' && pw !== '' ? pw : null,
    capacity: Number(capacity),
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
  return { room: decodeInfo(name, reply), members, history }
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

function parse<T>(json: string): T | null {
  try {
    return JSON.parse(json) as T
  } catch {
    return null
  }
}
