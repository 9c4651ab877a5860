/**
 * The call's safety code as the participants panel shows it, worked out again from what the
 * engine sees (engine/safety.ts) whenever that changes: someone joins or leaves, a connection
 * comes up or is made again.
 */
import type { SafetyInput } from '../engine/safety.js'
import { safetyCode, type SafetyCode } from '../lib/safety-code.js'

/** `members`: how many people the code covers, us included. */
export type SafetyView =
  | { state: 'unavailable' | 'alone' | 'checking' }
  | { state: 'ready'; code: SafetyCode; members: number }

export class CallSafety {
  #view = $state.raw<SafetyView>({ state: 'checking' })
  /** The input the view was made from: a stats tick that changes nothing does no hashing. */
  #input = ''
  /** Counts computations, so a slow one never overwrites the answer to a newer input. */
  #run = 0

  get view(): SafetyView {
    return this.#view
  }

  /** Takes what the engine sees now; the code follows once it is hashed. */
  update(input: SafetyInput): void {
    const key = JSON.stringify(input)
    if (key === this.#input) return
    this.#input = key
    const run = ++this.#run
    if (input.state !== 'complete') {
      this.#view = { state: input.state }
      return
    }
    safetyCode(input.pairs).then(
      (code) => {
        if (run === this.#run) this.#view = { state: 'ready', code, members: input.pairs.length }
      },
      (err: unknown) => {
        // No WebCrypto: a page served over plain http to another machine is no secure context.
        console.warn('safety code:', err)
        if (run === this.#run) this.#view = { state: 'unavailable' }
      },
    )
  }

  /** The call ended: nothing to show until the next one. */
  reset(): void {
    this.#input = ''
    this.#run++
    this.#view = { state: 'checking' }
  }
}
