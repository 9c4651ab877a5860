/**
 * Counts what the server does from outside its handlers, so no domain module knows about metrics:
 * - every ack a client receives passes through a wrapper installed by a per-socket middleware
 *   (`socket.use`), which counts accepted chat messages and signals and every refusal by code;
 * - seats taken and given up are counted from the `peer:joined` / `peer:left` broadcasts on the
 *   namespace's adapter, which the server sends exactly once per seat, resumes aside.
 */
import type { Namespace } from 'socket.io'
import {
  CLIENT_EVENTS,
  ERROR_CODES,
  peerLeftReasonSchema,
  type ClientEvent,
} from '../../protocol/index.js'
import type { EventEmitter } from 'node:events'
import type { NoomServer, NoomSocket, TallyEvents } from '../context.js'
import type { ServerMetrics } from './metrics.js'

const isClientEvent = (event: unknown): event is ClientEvent =>
  typeof event === 'string' && Object.hasOwn(CLIENT_EVENTS, event)
const errorCodes: ReadonlySet<string> = new Set(ERROR_CODES)

type Adapter = Namespace['adapter']
type BroadcastOptions = Parameters<Adapter['broadcast']>[1]

/** Hooks `metrics` to `io`'s default namespace and to what moderation tallies. */
export function observeServer(
  io: NoomServer,
  tally: EventEmitter<TallyEvents>,
  metrics: ServerMetrics,
): void {
  tally.on('knock', (outcome) => metrics.knocked(outcome))
  tally.on('removal', () => metrics.removed())
  tally.on('handover', () => metrics.handedOver())
  tally.on('admission', (admission) => metrics.admissionChanged(admission))
  const observed = new WeakSet<Adapter>()
  const watchAdapter = (nsp: Namespace) => {
    // A Redis adapter may replace the in-memory one after start-up; wrap whichever is current.
    if (observed.has(nsp.adapter)) return
    observed.add(nsp.adapter)
    observeBroadcasts(nsp.adapter, metrics)
  }
  watchAdapter(io.of('/'))
  io.on('connection', (socket) => {
    watchAdapter(socket.nsp)
    observeAcks(socket, metrics)
  })
}

function observeAcks(socket: NoomSocket, metrics: ServerMetrics): void {
  socket.use((packet, next) => {
    const [event] = packet
    const last = packet.length - 1
    const ack: unknown = packet[last]
    // Unknown event names get no ack and are not counted: their names come from the client.
    if (last > 0 && isClientEvent(event) && typeof ack === 'function') {
      packet[last] = (result: unknown) => {
        count(metrics, event, result)
        ;(ack as (result: unknown) => void)(result)
      }
    }
    next()
  })
}

function count(metrics: ServerMetrics, event: ClientEvent, result: unknown): void {
  if (typeof result !== 'object' || result === null) return
  const { ok, error } = result as { ok?: unknown; error?: { code?: unknown } }
  if (ok === true) {
    if (event === 'chat:send') metrics.chatSent()
    else if (event === 'signal:send') metrics.signalSent()
    return
  }
  const code = error?.code
  metrics.rejected(event, typeof code === 'string' && errorCodes.has(code) ? code : 'unknown')
}

/**
 * Only broadcasts this process sends reach `adapter.broadcast` (a Redis adapter hands those from other
 * nodes to its parent class directly), so each seat is counted once, by the process that changed it.
 */
function observeBroadcasts(adapter: Adapter, metrics: ServerMetrics): void {
  const broadcast = adapter.broadcast.bind(adapter)
  adapter.broadcast = (packet: { data?: unknown }, opts: BroadcastOptions) => {
    if (Array.isArray(packet.data)) {
      const [event, payload] = packet.data as [unknown, unknown]
      if (event === 'peer:joined') metrics.joined()
      else if (event === 'peer:left') {
        const reason = peerLeftReasonSchema.safeParse((payload as { reason?: unknown }).reason)
        if (reason.success) metrics.left(reason.data)
      }
    }
    broadcast(packet, opts)
  }
}
