/** RedisRoomState's host actions and knocks: each one script (redis-host-scripts.ts). */
import type { KnockRequest } from '../../protocol/index.js'
import { decodeDeparture, decodeInfo, parse, type Reply } from './redis-codec.js'
import type { ScriptName } from './redis-scripts.js'
import type {
  ActOutcome,
  ConfigureOutcome,
  Expiry,
  HostAction,
  KnockTaken,
  RoomChange,
  RoomInfo,
  SeatRecord,
} from './types.js'

export type Run = (script: ScriptName, ...args: Array<string | number>) => Promise<unknown>

export async function rename(run: Run, name: string, id: string, nickname: string, shape: string) {
  return (await run('RENAME', name, id, nickname, shape)) === 'taken' ? 'taken' : 'ok'
}

export async function configure(
  run: Run,
  name: string,
  key: string,
  actor: string,
  change: RoomChange,
): Promise<ConfigureOutcome> {
  const pw = change.passwordHash
  const password = pw === undefined ? 'keep' : pw === null ? 'clear' : 'set'
  const reply = (await run(
    'CONFIGURE',
    name,
    key,
    actor,
    change.admission ?? '',
    change.visibility ?? '',
    password,
    pw ?? '',
  )) as Reply[]
  if (reply.length === 0) return { kind: 'forbidden' }
  return { kind: 'done', room: decodeInfo(name, reply), participants: Number(reply[5]) }
}

export async function act(
  run: Run,
  name: string,
  actor: string,
  target: string,
  action: HostAction,
): Promise<ActOutcome> {
  const media = action.kind === 'mute' ? action.media : ''
  const reply = (await run('ACT', name, actor, target, action.kind, media)) as Reply[]
  if (reply[0] === 'forbidden') return { kind: 'forbidden' }
  const record = parse<SeatRecord>(String(reply[1]))
  if (reply[0] !== 'done' || !record) return { kind: 'unknown' }
  const removal = reply[2]
  const departure = Array.isArray(removal) ? decodeDeparture(name, removal) : null
  return { kind: 'done', target: record, departure }
}

export async function addKnock(
  run: Run,
  node: string,
  room: RoomInfo,
  knock: KnockRequest,
  max: number,
): Promise<'ok' | 'full' | 'changed'> {
  const reply = await run('ADD_KNOCK', room.name, room.key, knock.id, knock.nickname, node, max)
  return reply === 'ok' || reply === 'full' ? reply : 'changed'
}

export async function takeKnock(
  run: Run,
  name: string,
  id: string,
  actor: string | null,
): Promise<KnockTaken> {
  const reply = String(await run('TAKE_KNOCK', name, id, actor ?? ''))
  if (reply === 'forbidden' || reply === 'gone') return reply
  return { nickname: knockEntry(reply).nickname }
}

/** "<ms>|<node>|<nickname>" (nicknames may hold bars: only the first two split). */
export function knockEntry(entry: string): { ms: number; nickname: string } {
  const first = entry.indexOf('|')
  const second = entry.indexOf('|', first + 1)
  return { ms: Number(entry.slice(0, first)), nickname: entry.slice(second + 1) }
}

/** HGETALL of `knocks:<name>` as the knocks, oldest first. */
export function decodeKnocks(flat: Record<string, string>): KnockRequest[] {
  return Object.entries(flat)
    .map(([id, entry]) => ({ id, ...knockEntry(entry) }))
    .sort((a, b) => a.ms - b.ms)
    .map(({ id, nickname }) => ({ id, nickname }))
}

/** SWEEP's reply: { ended seats, knocks of dead nodes }. */
export type SweepReply = [Reply[][]?, Reply[][]?]

/** Tells the listeners what a sweep ended: each seat and knock once, on the node that swept. */
export function announceSweep(
  [ended = [], withdrawn = []]: SweepReply,
  expired: ReadonlyArray<(expiry: Expiry) => void>,
  knocksLost: ReadonlyArray<(room: string, id: string) => void>,
): void {
  for (const [name, id, ...info] of ended) {
    const departure = decodeDeparture(String(name), info)
    for (const listener of expired) listener({ ...departure, id: String(id) })
  }
  for (const [name, id] of withdrawn) {
    for (const listener of knocksLost) listener(String(name), String(id))
  }
}
