/** A worker's members: opening their connections, then joining their rooms. */
import { io, type Socket } from 'socket.io-client'
import type {
  Ack,
  ClientToServerEvents,
  JoinResult as JoinAck,
  ServerToClientEvents,
} from '../protocol/index.js'
import type { ConnectResult, JoinResult, RoomPlan } from './messages.js'
import { runPool, sleep, tally } from './util.js'

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/** One simulated member. `id` is set once its join is acknowledged. */
export interface Member {
  readonly room: RoomPlan
  readonly nickname: string
  readonly talker: boolean
  socket: ClientSocket | null
  id: string | null
}

/** Attempts per connection: a loopback accept queue that overflows under a burst refuses some. */
const CONNECT_ATTEMPTS = 4
const CONNECT_TIMEOUT_MS = 20_000
const JOIN_TIMEOUT_MS = 30_000

export function membersOf(rooms: RoomPlan[]): Member[] {
  return rooms.flatMap((room) => room.members.map((m) => ({ room, ...m, socket: null, id: null })))
}

/** Opens every member's connection, `concurrency` at a time, retrying failed ones with backoff. */
export async function connectAll(
  url: string,
  members: Member[],
  concurrency: number,
): Promise<ConnectResult> {
  const result: ConnectResult = { ok: 0, failed: 0, retries: 0, startNs: 0n, endNs: 0n }
  result.startNs = process.hrtime.bigint()
  await runPool(members, concurrency, async (member) => {
    for (let attempt = 0; attempt < CONNECT_ATTEMPTS && !member.socket; attempt++) {
      if (attempt > 0) {
        result.retries++
        await sleep(100 * 2 ** attempt)
      }
      member.socket = await connectOnce(url)
    }
    if (member.socket) result.ok++
    else result.failed++
  })
  result.endNs = process.hrtime.bigint()
  return result
}

function connectOnce(url: string): Promise<ClientSocket | null> {
  // forceNew: one engine.io connection per member, as real clients have, not one multiplexed one.
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  })
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.off('connect_error')
      resolve(socket)
    })
    socket.once('connect_error', () => {
      socket.off('connect')
      socket.close()
      resolve(null)
    })
  })
}

/** Sends every connected member's room:join, `window` at a time; times first send to last ack. */
export async function joinAll(members: Member[], window: number): Promise<JoinResult> {
  const result: JoinResult = { ok: 0, failed: 0, errors: {}, firstSentNs: 0n, lastAckNs: 0n }
  const connected = members.filter((m) => m.socket?.connected)
  result.failed = members.length - connected.length
  if (result.failed > 0) result.errors.not_connected = result.failed
  result.firstSentNs = process.hrtime.bigint()
  await runPool(connected, window, async (member) => {
    const code = await joinOne(member)
    result.lastAckNs = process.hrtime.bigint()
    if (code === null) result.ok++
    else {
      result.failed++
      tally(result.errors, code)
    }
  })
  if (result.lastAckNs === 0n) result.lastAckNs = result.firstSentNs
  return result
}

/** Joins `member`'s room; null on success, else the reason it failed. */
async function joinOne(member: Member): Promise<string | null> {
  const socket = member.socket
  if (!socket) return 'not_connected'
  const payload = { room: member.room.name, nickname: member.nickname }
  // The callback form keeps the ack typed; emitWithAck under timeout() loses it to `any`.
  const ack = await new Promise<Ack<JoinAck> | null>((resolve) => {
    socket.timeout(JOIN_TIMEOUT_MS).emit('room:join', payload, (err, result) => {
      resolve(err ? null : result)
    })
  })
  if (ack === null) return socket.connected ? 'timeout' : 'disconnected'
  if (!ack.ok) return ack.error.code
  member.id = ack.self.id
  return null
}
