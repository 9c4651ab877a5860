/**
 * What a host sees and does in a call: the knocks waiting (each host sees every one), and the
 * actions on the room and its members. CallStore attaches the engine's Moderation for each call;
 * a failed action is reported through `onFailure` (the call shows it as a notice).
 */
import type { MediaKind, RoomUpdate } from '../../protocol/index.js'
import type { Knock, Moderation } from '../engine/moderation.js'
import type { CallFailure } from '../engine/types.js'

export type { Knock }

export interface CallHostingDeps {
  /** A host action failed: why. */
  onFailure: (failure: CallFailure) => void
  /** Someone new knocked (the app may notify when the window is in the background). */
  onKnock?: (knock: Knock) => void
}

export class CallHosting {
  #knocks = $state.raw<Knock[]>([])
  #moderation: Moderation | null = null
  #stops: Array<() => void> = []
  readonly #deps: CallHostingDeps

  constructor(deps: CallHostingDeps) {
    this.#deps = deps
  }

  /** Knocks waiting for an answer, oldest first (empty unless we are a host). */
  get knocks(): Knock[] {
    return this.#knocks
  }

  /** Follows this call's moderation (null once the call is over). */
  attach(moderation: Moderation | null): void {
    for (const stop of this.#stops.splice(0)) stop()
    this.#moderation = moderation
    this.#knocks = moderation?.knocks ?? []
    if (!moderation) return
    this.#stops.push(
      moderation.on('knocks', () => (this.#knocks = moderation.knocks)),
      moderation.on('knock', (knock) => this.#deps.onKnock?.(knock)),
    )
  }

  admit(id: string): Promise<boolean> {
    return this.#run((m) => m.answer(id, true))
  }
  deny(id: string): Promise<boolean> {
    return this.#run((m) => m.answer(id, false))
  }
  admitAll(): Promise<boolean> {
    return this.#run((m) => m.admitAll())
  }
  /** Ends a member's seat (the UI asks for confirmation first). */
  remove(id: string): Promise<boolean> {
    return this.#run((m) => m.remove(id))
  }
  /** Turns a member's microphone, camera or screen share off. */
  mute(id: string, kind: MediaKind): Promise<boolean> {
    return this.#run((m) => m.mute(id, kind))
  }
  promote(id: string): Promise<boolean> {
    return this.#run((m) => m.promote(id))
  }
  /** Changes admission, visibility or password; the room view follows `room:updated`. */
  updateRoom(update: RoomUpdate): Promise<boolean> {
    return this.#run((m) => m.updateRoom(update))
  }

  /** Runs one action; true when it went through, else the failure is reported. */
  async #run(action: (m: Moderation) => Promise<CallFailure | null>): Promise<boolean> {
    const moderation = this.#moderation
    if (!moderation) return false
    const failure = await action(moderation)
    if (failure) this.#deps.onFailure(failure)
    return failure === null
  }
}
