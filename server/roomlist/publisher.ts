/**
 * The public room list: answered on rooms:watch, then pushed to watchers as rooms:changed, coalesced
 * so a burst of joins costs one push per interval, not one per join.
 */
import { LIMITS } from '../../protocol/index.js'
import { channel, type NoomServer } from '../context.js'
import type { RoomRegistry } from '../rooms/registry.js'

export class RoomListPublisher {
  readonly #io: NoomServer
  readonly #registry: RoomRegistry
  #timer: NodeJS.Timeout | null = null

  constructor(io: NoomServer, registry: RoomRegistry) {
    this.#io = io
    this.#registry = registry
  }

  current() {
    return this.#registry.publicSummaries(LIMITS.roomListMax)
  }

  /** Schedules one push for everything that changed until the interval ends. */
  changed(): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#io.to(channel.watchers).emit('rooms:changed', this.current())
    }, LIMITS.roomListIntervalMs)
    this.#timer.unref()
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }
}
