/**
 * The built-in rendezvous server ("Host on this computer") as the renderer sees it: main's status,
 * kept current by main's broadcasts, and start/stop calls that never throw at the caller. A refused
 * call becomes `error` for the panel to show.
 */
import {
  DEFAULT_HOST_OPTIONS,
  type HostOptions,
  type HostStatus,
  type NoomBridge,
  type Unsubscribe,
} from '../../contract/index.js'

/** What the store uses of the bridge (tests pass a fake). */
export type HostBridge = Pick<
  NoomBridge,
  'getHostStatus' | 'startHost' | 'stopHost' | 'onHostStatus'
>

/** What a view reads and calls: all but the subscription's lifetime, which its owner keeps. */
export type HostView = Omit<HostStore, 'load' | 'dispose'>

/** The status of a built-in server that is not running (and of none, in a browser). */
export const STOPPED: HostStatus = {
  state: 'stopped',
  port: null,
  lan: false,
  localUrl: null,
  lanUrls: [],
  error: null,
  accessKey: null,
}

// Electron prefixes a rejected `invoke` with the channel and the error's class
// (https://github.com/electron/electron/issues/24427); the person reading it needs neither.
const INVOKE_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/

/** A rejection's message, in the words main gave it. */
export function rejectionMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(INVOKE_PREFIX, '') || 'Something went wrong.'
}

export class HostStore {
  #status = $state.raw<HostStatus>(STOPPED)
  #options = $state.raw<HostOptions>(DEFAULT_HOST_OPTIONS)
  #pending = $state(0)
  #rejection = $state<string | null>(null)
  readonly #bridge: HostBridge
  #unsubscribe: Unsubscribe | null = null
  /** Counts broadcasts, so a status fetched before the latest broadcast does not replace it. */
  #broadcasts = 0

  constructor(bridge: HostBridge) {
    this.#bridge = bridge
  }

  get status(): HostStatus {
    return this.#status
  }
  /** A start or stop is under way. */
  get busy(): boolean {
    return this.#pending > 0
  }
  get running(): boolean {
    return this.#status.state === 'running'
  }
  /** The address this computer's app uses while running; '' otherwise. */
  get localUrl(): string {
    return this.running ? (this.#status.localUrl ?? '') : ''
  }
  /** The addresses to give others on the network, while running with LAN on. */
  get lanUrls(): string[] {
    return this.running && this.#status.lan ? this.#status.lanUrls : []
  }
  /** The key every connection to the server must carry, while running; null otherwise. */
  get accessKey(): string | null {
    return this.running ? this.#status.accessKey : null
  }
  /**
   * The options the server last ran with (the actual port when 0 was asked), else the defaults:
   * what a form for new options starts from. Unchanged by a failed start.
   */
  get options(): HostOptions {
    return this.#options
  }
  /** Why the last call was refused, or why the server failed to start; null when all is well. */
  get error(): string | null {
    return this.#rejection ?? this.#status.error
  }

  /** Reads the status and follows main's broadcasts until `dispose()`. */
  async load(): Promise<void> {
    this.#unsubscribe ??= this.#bridge.onHostStatus((status) => {
      this.#broadcasts++
      // The server moved on: a refusal from before no longer describes it.
      this.#rejection = null
      this.#apply(status)
    })
    const seen = this.#broadcasts
    try {
      const status = await this.#bridge.getHostStatus()
      if (this.#broadcasts === seen) this.#apply(status)
    } catch (error) {
      this.#rejection = rejectionMessage(error)
    }
  }

  /** Starts the server, or restarts it with new options when running. */
  start(options: HostOptions): Promise<void> {
    return this.#call(() => this.#bridge.startHost(options))
  }

  stop(): Promise<void> {
    return this.#call(() => this.#bridge.stopHost())
  }

  /** Stops following main's broadcasts. */
  dispose(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = null
  }

  async #call(request: () => Promise<HostStatus>): Promise<void> {
    this.#pending++
    this.#rejection = null
    try {
      this.#apply(await request())
    } catch (error) {
      this.#rejection = rejectionMessage(error)
    } finally {
      this.#pending--
    }
  }

  #apply(status: HostStatus): void {
    this.#status = status
    const { port, lan } = status
    // A new object only when the options changed: readers seeded from it keep their edits otherwise.
    if (status.state === 'running' && port !== null) {
      if (port !== this.#options.port || lan !== this.#options.lan) this.#options = { port, lan }
    }
  }
}
