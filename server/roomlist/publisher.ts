/**
 * The public room list: answered on rooms:watch, then pushed to watchers as rooms:changed, coalesced
 * so a burst of joins costs one push per interval, not one per join. With several nodes, a node
 * whose rooms changed tells the others; each node then pushes the list, read from the shared
 * state, to its own watchers, so a watcher still gets at most one push per interval.
 */
import { LIMITS, type RoomSummary } from '../../protocol/index.js'
import { channel, type NoomServer } from '../context.js'
import type { Logger } from 'pino'
import type { RoomState } from '../state/types.js'

/** Sent between nodes when public rooms changed on one of them. */
const REMOTE_CHANGE = 'noom:rooms-changed'

export class RoomListPublisher {
  readonly #io: NoomServer
  readonly #state: RoomState
  readonly #log: Logger
  readonly #shared: boolean
  #timer: NodeJS.Timeout | null = null

  /** `shared`: other nodes share the state (and the adapter carries server-side events to them). */
  constructor(io: NoomServer, state: RoomState, log: Logger, shared: boolean) {
    this.#io = io
    this.#state = state
    this.#log = log
    this.#shared = shared
    if (shared) io.on(REMOTE_CHANGE, () => this.#schedule())
  }

  current(): Promise<RoomSummary[]> {
    return this.#state.publicRooms(LIMITS.roomListMax)
  }

  /** Schedules one push for everything that changed until the interval ends, on every node. */
  changed(): void {
    if (this.#shared) this.#io.serverSideEmit(REMOTE_CHANGE)
    this.#schedule()
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  #schedule(): void {
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.current().then(
        (rooms) => this.#io.local.to(channel.watchers).emit('rooms:changed', rooms),
        (err: unknown) => this.#log.warn({ err }, 'room list not pushed'),
      )
    }, LIMITS.roomListIntervalMs)
    this.#timer.unref()
  }
}
