/**
 * A host's side of a call: the knocks waiting for an answer, and the actions on the room and its
 * members. Every host sees every knock and how it ended (`knock:request`, `knock:resolved`); a
 * member who is not host keeps an empty list. Actions resolve with null, or with why they failed.
 */
import type { MediaKind, RoomInfo, RoomUpdate } from '../../protocol/index.js'
import { Emitter } from './emitter.js'
import { toFailure } from './failure.js'
import type { SignalingClient } from './signaling.js'
import type { CallFailure, RoomView } from './types.js'

/** Someone asking to join, as hosts see them: nothing more than the name they gave. */
export interface Knock {
  id: string
  nickname: string
}

export interface ModerationEvents {
  /** A new knock arrived (hosts may want a sound or a notification). */
  knock: (knock: Knock) => void
  /** The knocks waiting changed. */
  knocks: () => void
  /** The room changed through our own `room:update`. */
  room: (room: RoomInfo) => void
}

/** The room as the call shows it, from what the server says about it. */
export function toRoomView(room: RoomInfo): RoomView {
  const { name, locked, visibility, admission, capacity } = room
  return { name, locked, visibility, admission, capacity }
}

export class Moderation extends Emitter<ModerationEvents> {
  readonly #signaling: SignalingClient
  readonly #knocks = new Map<string, Knock>()

  constructor(signaling: SignalingClient) {
    super()
    this.#signaling = signaling
    signaling.on('knock:request', (knock) => {
      if (this.#knocks.has(knock.id)) return
      this.#knocks.set(knock.id, knock)
      this.emit('knock', knock)
      this.emit('knocks')
    })
    signaling.on('knock:resolved', ({ id }) => this.#drop(id))
  }

  /** Knocks waiting, oldest first. */
  get knocks(): Knock[] {
    return [...this.#knocks.values()]
  }

  /** Admits or denies one knock; it leaves the list at once (`knock:resolved` confirms it). */
  async answer(id: string, admit: boolean): Promise<CallFailure | null> {
    const failure = await this.#act(() => this.#signaling.answerKnock(id, admit))
    // A knock that ended meanwhile (withdrawn, expired, another host answered) is gone anyway.
    this.#drop(id)
    return failure
  }

  /** Admits every knock waiting now; resolves with the first failure, if any. */
  async admitAll(): Promise<CallFailure | null> {
    const failures = await Promise.all(this.knocks.map((knock) => this.answer(knock.id, true)))
    return failures.find((f) => f !== null) ?? null
  }

  remove(id: string): Promise<CallFailure | null> {
    return this.#act(() => this.#signaling.removeMember(id))
  }

  mute(id: string, kind: MediaKind): Promise<CallFailure | null> {
    return this.#act(() => this.#signaling.muteMember(id, kind))
  }

  promote(id: string): Promise<CallFailure | null> {
    return this.#act(() => this.#signaling.promoteMember(id))
  }

  async updateRoom(update: RoomUpdate): Promise<CallFailure | null> {
    return this.#act(async () => {
      this.emit('room', await this.#signaling.updateRoom(update))
    })
  }

  /** No longer a host (or the call ended): no knocks to answer. */
  dropKnocks(): void {
    if (this.#knocks.size === 0) return
    this.#knocks.clear()
    this.emit('knocks')
  }

  async #act(action: () => Promise<void>): Promise<CallFailure | null> {
    try {
      await action()
      return null
    } catch (err) {
      return toFailure(err)
    }
  }

  #drop(id: string): void {
    if (this.#knocks.delete(id)) this.emit('knocks')
  }
}
