/**
 * The call's bookkeeping of members in between: signals from someone the engine does not know yet
 * (they wait until `peer:joined` names the sender), and members a resume's answer left out (a
 * restarted server rebuilds seats one by one, so they are waited for before they count as gone).
 */
import type { SignalPayload } from '../../protocol/index.js'

/** Signals that wait for one sender, at most. */
const MAX_EARLY_SIGNALS = 200
/** Senders whose signals wait, at most: a room holds no more members than this. */
const MAX_EARLY_SENDERS = 16

export interface ArrivalsOptions {
  /** How long a member missing after a resume is waited for. */
  graceMs: number
  /** The wait for `id` ran out: they are gone. */
  onGone: (id: string) => void
}

export class Arrivals {
  readonly #options: ArrivalsOptions
  readonly #early = new Map<string, SignalPayload[]>()
  readonly #missing = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(options: ArrivalsOptions) {
    this.#options = options
  }

  /** Keeps a signal from `from`, whom we do not know yet, for when we do. */
  keepEarly(from: string, payload: SignalPayload): void {
    let queue = this.#early.get(from)
    if (!queue) {
      if (this.#early.size >= MAX_EARLY_SENDERS) return
      queue = []
      this.#early.set(from, queue)
    }
    if (queue.length < MAX_EARLY_SIGNALS) queue.push(payload)
  }

  /** The signals that came from `id` before it was known, in order; each is handed out once. */
  takeEarly(id: string): SignalPayload[] {
    const queue = this.#early.get(id) ?? []
    this.#early.delete(id)
    return queue
  }

  /** Starts waiting for `id` to come back; `onGone(id)` when the grace runs out first. */
  waitForReturn(id: string): void {
    if (this.#missing.has(id)) return
    const timer = setTimeout(() => {
      this.#missing.delete(id)
      this.#options.onGone(id)
    }, this.#options.graceMs)
    this.#missing.set(id, timer)
  }

  /** `id` is back, or gone for a reason of its own: the wait is over. */
  stopWaiting(id: string): void {
    clearTimeout(this.#missing.get(id))
    this.#missing.delete(id)
  }

  /** Whether `id` is being waited for. */
  waiting(id: string): boolean {
    return this.#missing.has(id)
  }

  clear(): void {
    for (const timer of this.#missing.values()) clearTimeout(timer)
    this.#missing.clear()
    this.#early.clear()
  }
}
