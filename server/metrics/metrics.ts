/**
 * The server's Prometheus metrics, in a registry of its own (tests run several servers in one process,
 * and an embedding program may keep its own global registry). Labels are bounded sets (event names,
 * error codes, leave reasons): never a room name, nickname or id, for cardinality and privacy alike.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client'
import {
  admissionSchema,
  knockOutcomeSchema,
  peerLeftReasonSchema,
  type Admission,
  type KnockOutcome,
  type PeerLeftReason,
} from '../../protocol/index.js'
import type { MetricsOptions } from '../options.js'

/** Numbers read at each scrape. */
export interface MetricsStats {
  sockets: number
  rooms: number
  members: number
}

/** Event-loop delays are sampled this often; a sample counts only what exceeds it. */
const LAG_RESOLUTION_MS = 10

export class ServerMetrics {
  readonly #registry = new Registry()
  readonly #stats: () => MetricsStats | Promise<MetricsStats>
  readonly #lag: IntervalHistogram
  readonly #joins: Counter
  readonly #leaves: Counter<'reason'>
  readonly #chat: Counter
  readonly #signals: Counter
  readonly #rejections: Counter<'event' | 'code'>
  readonly #knocks: Counter<'outcome'>
  readonly #removals: Counter
  readonly #handovers: Counter
  readonly #admissions: Counter<'admission'>
  readonly #gauges: Record<keyof MetricsStats, Gauge>
  readonly #lagGauges: { p50: Gauge; p99: Gauge; max: Gauge }

  constructor(stats: () => MetricsStats | Promise<MetricsStats>, options: MetricsOptions = {}) {
    this.#stats = stats
    const registers = [this.#registry]
    const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name, help, labelNames, registers })
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers })

    this.#joins = counter(
      'noom_joins_total',
      'Seats taken in a room (resumes of a held seat excluded).',
    )
    this.#leaves = counter('noom_leaves_total', 'Seats given up, by reason.', ['reason'])
    // Present at 0 from the start, so rate() works from the first leave.
    for (const reason of peerLeftReasonSchema.options) this.#leaves.inc({ reason }, 0)
    this.#chat = counter('noom_chat_messages_total', 'Chat messages accepted.')
    this.#signals = counter('noom_signals_total', 'Signalling messages relayed between members.')
    this.#rejections = counter(
      'noom_rejections_total',
      'Requests answered with an error, and connections refused (event "connect"), by code.',
      ['event', 'code'],
    )
    this.#knocks = counter('noom_knocks_total', 'Knocks ended, by outcome.', ['outcome'])
    for (const outcome of knockOutcomeSchema.options) this.#knocks.inc({ outcome }, 0)
    this.#removals = counter('noom_removals_total', 'Members removed by a host.')
    this.#handovers = counter(
      'noom_host_handovers_total',
      'Members who became host because the last host’s seat ended.',
    )
    this.#admissions = counter(
      'noom_admission_changes_total',
      'room:update requests that set the admission, by the admission set.',
      ['admission'],
    )
    for (const admission of admissionSchema.options) this.#admissions.inc({ admission }, 0)
    this.#gauges = {
      sockets: gauge('noom_connected_sockets', 'Open Socket.IO connections to this process.'),
      rooms: gauge('noom_rooms', 'Rooms in which this process holds at least one seat.'),
      members: gauge('noom_members', 'Seats this process holds.'),
    }
    this.#lagGauges = {
      p50: gauge(
        'noom_eventloop_lag_p50_seconds',
        'Median event-loop delay since the last scrape.',
      ),
      p99: gauge(
        'noom_eventloop_lag_p99_seconds',
        '99th percentile event-loop delay since the last scrape.',
      ),
      max: gauge(
        'noom_eventloop_lag_max_seconds',
        'Longest event-loop delay since the last scrape.',
      ),
    }
    this.#lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS })
    this.#lag.enable()
    if (options.nodeMetrics) collectDefaultMetrics({ register: this.#registry })
  }

  /** A member took a seat (a new one, or one rebuilt after a restart). */
  joined(): void {
    this.#joins.inc()
  }

  left(reason: PeerLeftReason): void {
    this.#leaves.inc({ reason })
  }

  chatSent(): void {
    this.#chat.inc()
  }

  signalSent(): void {
    this.#signals.inc()
  }

  knocked(outcome: KnockOutcome): void {
    this.#knocks.inc({ outcome })
  }

  removed(): void {
    this.#removals.inc()
  }

  handedOver(): void {
    this.#handovers.inc()
  }

  admissionChanged(admission: Admission): void {
    this.#admissions.inc({ admission })
  }

  /** `event` and `code` must come from closed lists (protocol/), never from the client's input. */
  rejected(event: string, code: string): void {
    this.#rejections.inc({ event, code })
  }

  /** The exposition text, with the gauges read now. */
  async render(): Promise<{ contentType: string; body: string }> {
    const stats = await this.#stats()
    for (const key of Object.keys(this.#gauges) as (keyof MetricsStats)[]) {
      this.#gauges[key].set(stats[key])
    }
    this.#readLag()
    return { contentType: this.#registry.contentType, body: await this.#registry.metrics() }
  }

  /** Stops sampling the event loop. */
  close(): void {
    this.#lag.disable()
  }

  #readLag(): void {
    // Each sample is the time between two ticks of a LAG_RESOLUTION_MS timer; lag is what exceeds it.
    const seconds = (ns: number) => Math.max(0, ns / 1e6 - LAG_RESOLUTION_MS) / 1000
    const sampled = this.#lag.count > 0
    this.#lagGauges.p50.set(sampled ? seconds(this.#lag.percentile(50)) : 0)
    this.#lagGauges.p99.set(sampled ? seconds(this.#lag.percentile(99)) : 0)
    this.#lagGauges.max.set(sampled ? seconds(this.#lag.max) : 0)
    this.#lag.reset()
  }
}
