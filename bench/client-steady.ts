/**
 * The steady phase in one worker: talkers signal a roommate about once a second, everyone chats
 * about once every ten seconds, and each relayed message's latency is measured where it arrives.
 * Sender and receiver live in this process, so both timestamps come from one process.hrtime clock.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { ChatMessage, SignalEvent } from '../protocol/index.js'
import type { ClientSocket, Member } from './client-join.js'
import type { RelayResult, SteadyResult, SteadySpec } from './messages.js'
import { LOOP_RESOLUTION_MS, elapsedMs, loopDelayMs, sleep, tally } from './util.js'

const ACK_TIMEOUT_MS = 10_000
/** Marks bench payloads; the send time in ns follows it. */
const MARK = ' bench '

function emptyRelay(): RelayResult {
  return { sent: 0, acked: 0, errors: {}, received: 0, latenciesMs: [] }
}

/** The send time a bench payload carries, or null for anything else. */
function sentAt(text: string): bigint | null {
  const at = text.lastIndexOf(MARK)
  if (at < 0) return null
  try {
    return BigInt(text.slice(at + MARK.length))
  } catch {
    return null
  }
}

function received(relay: RelayResult, text: string | undefined): void {
  const now = process.hrtime.bigint()
  const sent = text === undefined ? null : sentAt(text)
  if (sent === null) return
  relay.received++
  relay.latenciesMs.push(elapsedMs(sent, now))
}

function acked(relay: RelayResult, err: unknown, ack: { ok: boolean; error?: { code: string } }) {
  if (err) tally(relay.errors, 'timeout')
  else if (!ack.ok) tally(relay.errors, ack.error?.code ?? 'unknown')
  else relay.acked++
}

/** Each talker's roommate: the next joined member of its room. */
function roommates(members: Member[]): Map<Member, string> {
  const byRoom = new Map<string, Member[]>()
  for (const m of members) {
    if (!m.id) continue
    const inRoom = byRoom.get(m.room.name) ?? []
    inRoom.push(m)
    byRoom.set(m.room.name, inRoom)
  }
  const targets = new Map<Member, string>()
  for (const inRoom of byRoom.values()) {
    inRoom.forEach((m, i) => {
      const peer = inRoom[(i + 1) % inRoom.length]
      if (m.talker && peer?.id && peer !== m) targets.set(m, peer.id)
    })
  }
  return targets
}

function sendSignal(socket: ClientSocket, to: string, relay: RelayResult): void {
  const sentNs = process.hrtime.bigint()
  const candidate = `candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host${MARK}${sentNs}`
  relay.sent++
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit(
      'signal:send',
      { to, payload: { candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } } },
      (err, ack) => acked(relay, err, ack),
    )
}

function sendChat(socket: ClientSocket, relay: RelayResult): void {
  relay.sent++
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit('chat:send', { text: `hello${MARK}${process.hrtime.bigint()}` }, (err, ack) =>
      acked(relay, err, ack),
    )
}

/** Calls `send` every `intervalMs`, starting at a random offset; clearing `timers` stops it. */
function every(intervalMs: number, timers: NodeJS.Timeout[], send: () => void): void {
  timers.push(
    setTimeout(() => {
      send()
      timers.push(setInterval(send, intervalMs))
    }, Math.random() * intervalMs),
  )
}

export async function runSteady(members: Member[], spec: SteadySpec): Promise<SteadyResult> {
  const joined = members.filter((m) => m.id && m.socket)
  const targets = roommates(joined)
  const signal = emptyRelay()
  const chat = emptyRelay()
  let disconnects = 0
  const onSignal = (event: SignalEvent): void => {
    const c = 'candidate' in event.payload ? event.payload.candidate : null
    received(signal, c?.candidate)
  }
  const onChat = (message: ChatMessage): void => received(chat, message.text)
  const onDisconnect = (): void => void disconnects++
  // The worker's own loop delay shows how much of a latency tail is the clients', not the server's.
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  loopDelay.enable()
  const cpuStart = process.cpuUsage()
  const timers: NodeJS.Timeout[] = []
  for (const m of joined) {
    const socket = m.socket as ClientSocket
    socket.on('signal', onSignal)
    socket.on('chat:message', onChat)
    socket.on('disconnect', onDisconnect)
    const to = targets.get(m)
    if (to) every(spec.signalIntervalMs, timers, () => sendSignal(socket, to, signal))
    every(spec.chatIntervalMs, timers, () => sendChat(socket, chat))
  }
  await sleep(spec.durationMs)
  for (const timer of timers) clearTimeout(timer)
  await sleep(spec.drainMs)
  for (const m of joined) {
    m.socket?.off('signal', onSignal).off('chat:message', onChat).off('disconnect', onDisconnect)
  }
  const cpu = process.cpuUsage(cpuStart)
  loopDelay.disable()
  return {
    talkers: targets.size,
    members: joined.length,
    signal,
    chat,
    disconnects,
    cpuMicros: cpu.user + cpu.system,
    loopDelayMs: loopDelayMs(loopDelay),
  }
}
