/**
 * One participant as the UI reads it, kept for as long as they are in the call. Every field is its
 * own signal and is written only when its value changed, so a speaking flip re-renders one outline
 * and a stats tick one badge, not every tile and row (STYLE.md 10b).
 */
import type { MediaState, Role } from '../../protocol/index.js'
import { sameQuality } from '../engine/quality.js'
import type { Quality } from '../engine/types.js'
import type { ParticipantView, PeerConnectionStatus } from './call-types.js'

export class ParticipantState implements ParticipantView {
  readonly id: string
  readonly self: boolean
  nickname = $state.raw('')
  role = $state.raw<Role>('member')
  media = $state.raw<MediaState>({ audio: false, video: false, screen: false })
  camera = $state.raw<MediaStream | null>(null)
  screen = $state.raw<MediaStream | null>(null)
  speaking = $state.raw(false)
  connection = $state.raw<PeerConnectionStatus>('connecting')
  quality = $state.raw<Quality | null>(null)

  constructor(view: ParticipantView) {
    this.id = view.id
    this.self = view.self
    this.update(view)
  }

  /** Takes what changed in `view` (same id); equal values leave their readers alone. */
  update(view: ParticipantView): void {
    // A $state.raw set to the value it holds notifies nobody; objects are compared by content.
    this.nickname = view.nickname
    this.role = view.role
    this.camera = view.camera
    this.screen = view.screen
    this.speaking = view.speaking
    this.connection = view.connection
    if (!sameMedia(this.media, view.media)) this.media = view.media
    if (!sameQuality(this.quality, view.quality)) this.quality = view.quality
  }
}

/**
 * Everyone in the call, self first, as stable ParticipantStates: the list itself is replaced only
 * when someone comes, goes or moves.
 */
export class ParticipantList {
  #list = $state.raw<ParticipantState[]>([])
  // An index into the list, not state of its own: the list and each participant are the state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #byId = new Map<string, ParticipantState>()

  get list(): readonly ParticipantView[] {
    return this.#list
  }

  /** Everyone now, in order: the ones known by id are updated, not replaced. */
  set(views: readonly ParticipantView[]): void {
    const next = views.map((view) => {
      const state = this.#byId.get(view.id)
      if (state?.self !== view.self) return new ParticipantState(view)
      state.update(view)
      return state
    })
    this.#byId.clear()
    for (const state of next) this.#byId.set(state.id, state)
    const current = this.#list
    const same = next.length === current.length && next.every((state, i) => state === current[i])
    if (!same) this.#list = next
  }

  /** Something about one participant changed; nobody else is touched. */
  update(view: ParticipantView): void {
    this.#byId.get(view.id)?.update(view)
  }

  clear(): void {
    this.#list = []
    this.#byId.clear()
  }
}

function sameMedia(a: MediaState, b: MediaState): boolean {
  return a.audio === b.audio && a.video === b.video && a.screen === b.screen
}
