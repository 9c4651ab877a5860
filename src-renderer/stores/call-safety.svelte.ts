/**
 * The call's safety code as the participants panel shows it, worked out again from what the
 * engine sees (engine/safety.ts) whenever that changes: someone joins or leaves, a connection
 * comes up or is made again.
 */
import type { SafetyInput } from '../engine/safety.js'
import { whenIdle, type Schedule } from '../lib/idle.js'
import { safetyCode, type MemberFingerprint, type SafetyCode } from '../lib/safety-code.js'

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
  readonly #schedule: Schedule
  #cancel = () => {}

  /**
   * `schedule`: when to hash (an idle moment by default: the first WebCrypto digest of a page
   * takes it tens of milliseconds, and the code comes as a connection does, in a call's set-up).
   */
  constructor(schedule: Schedule = whenIdle) {
    this.#schedule = schedule
  }

  get view(): SafetyView {
    return this.#view
  }

  /** Takes what the engine sees now; the code follows once it is hashed. */
  update(input: SafetyInput): void {
    const key = JSON.stringify(input)
    if (key === this.#input) return
    this.#input = key
    const run = ++this.#run
    this.#cancel()
    if (input.state !== 'complete') {
      this.#view = { state: input.state }
      return
    }
    // A code of another set of people must not stay up while the new one waits.
    this.#view = { state: 'checking' }
    this.#cancel = this.#schedule(() => this.#hash(input.pairs, run))
  }

  #hash(pairs: MemberFingerprint[], run: number): void {
    safetyCode(pairs).then(
      (code) => {
        if (run === this.#run) this.#view = { state: 'ready', code, members: pairs.length }
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
    this.#cancel()
    this.#input = ''
    this.#run++
    this.#view = { state: 'checking' }
  }
}
