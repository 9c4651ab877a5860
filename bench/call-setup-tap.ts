/**
 * A listener on the in-process rendezvous server that stamps (Date.now(), the same clock as the
 * pages) every connection and every event in and out, to show where a call's set-up spends its time.
 * It only listens: onAny / onAnyOutgoing run beside the server's handlers and change nothing.
 */
import type { RendezvousServer } from '../server/index.js'

export interface TapEvent {
  at: number
  socket: string
  dir: 'connect' | 'in' | 'out'
  event: string
  /** For signals: offer, answer, candidate or streams. */
  kind?: string
}

export interface Tap {
  events: TapEvent[]
  /** The nickname each socket joined with. */
  nicknames: Map<string, string>
}

function signalKind(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  const inner = (payload as { payload?: unknown }).payload
  if (typeof inner !== 'object' || inner === null) return undefined
  if ('candidate' in inner) return 'candidate'
  if ('streams' in inner) return 'streams'
  const description = (inner as { description?: { type?: unknown } }).description
  return typeof description?.type === 'string' ? description.type : undefined
}

export function tapServer(server: RendezvousServer): Tap {
  const tap: Tap = { events: [], nicknames: new Map() }
  server.io.on('connection', (socket) => {
    tap.events.push({ at: Date.now(), socket: socket.id, dir: 'connect', event: 'connect' })
    socket.onAny((event: string, payload: unknown) => {
      if (event === 'room:join') {
        const nickname = (payload as { nickname?: unknown } | null)?.nickname
        if (typeof nickname === 'string') tap.nicknames.set(socket.id, nickname)
      }
      const kind = event === 'signal:send' ? signalKind(payload) : undefined
      tap.events.push({
        at: Date.now(),
        socket: socket.id,
        dir: 'in',
        event,
        ...(kind ? { kind } : {}),
      })
    })
    socket.onAnyOutgoing((event: string, payload: unknown) => {
      const kind = event === 'signal' ? signalKind(payload) : undefined
      tap.events.push({
        at: Date.now(),
        socket: socket.id,
        dir: 'out',
        event,
        ...(kind ? { kind } : {}),
      })
    })
  })
  return tap
}

/** Where one app set-up stood at the server, ms after the joiner's Join click. */
export interface ServerPhases {
  /** The joiner's call connection accepted. */
  connected: number | null
  /** Its room:join received. */
  joinReceived: number | null
  /** peer:joined sent to the member already there. */
  peerJoinedSent: number | null
  /** The first offer received from a member already there, and the joiner's first answer. */
  offerReceived: number | null
  answerReceived: number | null
  /** Signals relayed for this set-up (both directions). */
  signals: number
}

/**
 * Phases of the set-up that began at `start` when `joiner` joined a room where `existing` waited.
 * Events before `start` are ignored.
 */
export function phasesOf(
  tap: Tap,
  start: number,
  joiner: string,
  existing: readonly string[],
): ServerPhases {
  const after = tap.events.filter((e) => e.at >= start)
  const nick = (e: TapEvent): string | undefined => tap.nicknames.get(e.socket)
  const rel = (e: TapEvent | undefined): number | null => (e ? e.at - start : null)
  const joinerSocket = after.find((e) => e.event === 'room:join' && nick(e) === joiner)?.socket
  return {
    connected: rel(after.find((e) => e.dir === 'connect' && e.socket === joinerSocket)),
    joinReceived: rel(after.find((e) => e.socket === joinerSocket && e.event === 'room:join')),
    peerJoinedSent: rel(
      after.find((e) => e.event === 'peer:joined' && existing.includes(nick(e) ?? '')),
    ),
    offerReceived: rel(
      after.find((e) => e.kind === 'offer' && e.dir === 'in' && existing.includes(nick(e) ?? '')),
    ),
    answerReceived: rel(
      after.find((e) => e.kind === 'answer' && e.dir === 'in' && e.socket === joinerSocket),
    ),
    signals: after.filter((e) => e.event === 'signal:send').length,
  }
}
