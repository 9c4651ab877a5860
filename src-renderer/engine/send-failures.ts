/**
 * Sends that nobody waits for (signals, media updates, bitrate caps) still fail sometimes: counted
 * per kind for the call's state, and logged the first time each kind fails.
 */
import type { Warn } from './inbound.js'

export type SendKind = 'signal' | 'media' | 'bitrate'
export type SendFailureCounts = Readonly<Record<SendKind, number>>

export const NO_SEND_FAILURES: SendFailureCounts = { signal: 0, media: 0, bitrate: 0 }

const WHAT: Readonly<Record<SendKind, string>> = {
  signal: 'a signal to a peer',
  media: 'a media update',
  bitrate: 'a bitrate cap',
}

export class SendFailures {
  readonly #warn: Warn
  #counts: SendFailureCounts = NO_SEND_FAILURES

  constructor(warn: Warn = (message) => console.warn(message)) {
    this.#warn = warn
  }

  get counts(): SendFailureCounts {
    return this.#counts
  }

  /** Counts one failure of `kind`; the first of each kind is logged with its reason. */
  record(kind: SendKind, error: unknown): void {
    const count = this.#counts[kind] + 1
    this.#counts = { ...this.#counts, [kind]: count }
    if (count > 1) return
    const reason = error instanceof Error ? error.message : String(error)
    this.#warn(`noom: sending ${WHAT[kind]} failed (${reason}); later failures are only counted`)
  }
}
