// The built-in server ("Host on this computer"): the same rendezvous server module the CLI runs,
// started inside the main process. No Electron import, so it is tested with real sockets in plain Node.
import { randomBytes } from 'node:crypto'
import * as os from 'node:os'
import { pino, type Logger } from 'pino'
import {
  hostOptionsSchema,
  type HostOptions,
  type HostStatus,
  type Unsubscribe,
} from '../contract/index.js'
import {
  createRendezvousServer,
  type RendezvousOptions,
  type RendezvousServer,
} from '../server/index.js'

/** One address of `os.networkInterfaces()`, reduced to what `lanAddresses` reads. */
export interface InterfaceAddress {
  address: string
  family: string
  internal: boolean
}

export type InterfaceTable = Readonly<Record<string, readonly InterfaceAddress[] | undefined>>

/**
 * The addresses others on the network can reach this computer at, best first: private IPv4
 * (192.168/16, then 10/8, then 172.16/12 — the order home, office and container networks usually
 * rank), other IPv4, unique-local IPv6, global IPv6. Loopback and link-local (169.254/16, fe80::/10)
 * are left out: they are either this computer only or need a zone id a browser URL cannot carry.
 */
export function lanAddresses(
  interfaces: InterfaceTable,
  options: { ipv6?: boolean } = {},
): string[] {
  const ranked = new Map<string, number>()
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      const rank = entry.internal ? null : addressRank(entry)
      if (rank === null || (rank >= IPV6_RANK && options.ipv6 === false)) continue
      if (!ranked.has(entry.address)) ranked.set(entry.address, rank)
    }
  }
  // Map keeps insertion order and sort is stable, so equal ranks stay in interface order.
  return [...ranked].sort((a, b) => a[1] - b[1]).map(([address]) => address)
}

const IPV6_RANK = 4

function addressRank({ address, family }: InterfaceAddress): number | null {
  if (family === 'IPv4') {
    const [a, b] = address.split('.').map(Number)
    if (a === undefined || b === undefined || a === 0 || a === 127) return null
    if (a === 169 && b === 254) return null
    if (a === 192 && b === 168) return 0
    if (a === 10) return 1
    if (a === 172 && b >= 16 && b <= 31) return 2
    return 3
  }
  if (family === 'IPv6') {
    const first = address.toLowerCase()
    if (first === '::1' || first === '::' || /^fe[89ab]/.test(first)) return null
    return /^f[cd]/.test(first) ? IPV6_RANK : IPV6_RANK + 1
  }
  return null
}

/** The words shown under "Host on this computer" when a start fails. */
export function describeStartError(error: unknown, port: number): string {
  const code = errorCode(error)
  const which = port === 0 ? 'a free port' : `port ${port}`
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} is in use by another program. Choose another port.`
    case 'EACCES':
      return `This computer does not let Noom use ${which} (it may be reserved). Choose another port.`
    case 'EADDRNOTAVAIL':
      return 'This computer has no network address to listen on. Check the network connection.'
    default: {
      const detail = error instanceof Error ? error.message : String(error)
      return `The built-in server could not start on ${which}: ${detail}`
    }
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : ''
}

/** What a HostController is built from; every part has a default, tests replace some. */
export interface HostDeps {
  /** Defaults to createRendezvousServer. */
  createServer?: (options: RendezvousOptions) => RendezvousServer
  /** Defaults to os.networkInterfaces; read on every `status()`, so a changed Wi-Fi shows. */
  networkInterfaces?: () => InterfaceTable
  /** The built renderer, served at `/` so LAN guests can join from a browser. */
  staticDir?: string
  /** Defaults to a pino logger at 'warn': the app's console is no operator's log. */
  logger?: Logger
  /** Seals resume tokens; defaults to a random one per controller, i.e. per app run. */
  secret?: string
  /**
   * The key every connection must carry; defaults to a random one per controller, i.e. per app
   * run. Only the app and the links it shares have it, so nothing else on the network (or a page
   * that rebinds its own name to this computer) can join.
   */
  accessKey?: string
  /** Hears every status change, as `onStatus` listeners do. */
  onStatus?: (status: HostStatus) => void
}

/** A listening server and where it listens. */
interface Bound {
  server: RendezvousServer
  host: string
  port: number
}

type State =
  | { state: 'stopped' }
  | { state: 'starting'; options: HostOptions }
  | ({ state: 'running'; options: HostOptions } & Bound)
  | { state: 'failed'; options: HostOptions; error: string }

const STOP_NOTICE = 'The host stopped this server.'
const RESTART_NOTICE = 'The host is restarting this server.'
/** Errors of listening on '::' that mean "no IPv6 here" rather than "this port is no good". */
const NO_IPV6 = new Set(['EAFNOSUPPORT', 'EPROTONOSUPPORT', 'EADDRNOTAVAIL'])

/**
 * Runs at most one built-in rendezvous server. `start` and `stop` are queued, so overlapping calls
 * from the UI never leave two servers, and each resolves with the status after its own turn.
 */
export class HostController {
  readonly #createServer: (options: RendezvousOptions) => RendezvousServer
  readonly #networkInterfaces: () => InterfaceTable
  readonly #base: RendezvousOptions & { accessKey: string }
  readonly #log: Logger
  readonly #listeners = new Set<(status: HostStatus) => void>()
  #state: State = { state: 'stopped' }
  #queue: Promise<unknown> = Promise.resolve()

  constructor(deps: HostDeps = {}) {
    this.#createServer = deps.createServer ?? createRendezvousServer
    this.#networkInterfaces = deps.networkInterfaces ?? os.networkInterfaces
    this.#log = deps.logger ?? pino({ name: 'noom-host', level: 'warn' })
    // A secret kept for the app's run lets members resume across a restart of the built-in server
    // (e.g. turning LAN on); persisting one would only matter across app restarts, when the
    // server is gone for longer than any resume grace anyway.
    this.#base = {
      logger: this.#log,
      secret: deps.secret ?? randomBytes(32).toString('base64url'),
      accessKey: deps.accessKey ?? randomBytes(32).toString('base64url'),
      ...(deps.staticDir ? { staticDir: deps.staticDir } : {}),
    }
    if (deps.onStatus) this.#listeners.add(deps.onStatus)
  }

  /**
   * Starts the server, or restarts it when running with other options. Rejects, changing nothing,
   * when `options` is invalid; a start that fails (port in use, …) resolves with state 'failed'.
   */
  start(options: HostOptions): Promise<HostStatus> {
    const parsed = hostOptionsSchema.safeParse(options)
    if (!parsed.success) {
      const why = parsed.error.issues.map((issue) => issue.message).join('; ')
      return Promise.reject(new Error(`Invalid host options: ${why}`))
    }
    return this.#enqueue(() => this.#start(parsed.data))
  }

  /** Stops the server, telling connected members first; a no-op when not running. */
  stop(): Promise<HostStatus> {
    return this.#enqueue(async () => {
      if (this.#state.state === 'running') await this.#shutdown(this.#state.server, STOP_NOTICE)
      else if (this.#state.state === 'failed') this.#set({ state: 'stopped' })
      return this.status()
    })
  }

  /** The current status; LAN addresses are read afresh each time. */
  status(): HostStatus {
    const s = this.#state
    const idle = { port: null, localUrl: null, lanUrls: [], error: null, accessKey: null }
    switch (s.state) {
      case 'stopped':
        return { state: 'stopped', lan: false, ...idle }
      case 'starting':
        return { state: 'starting', lan: s.options.lan, ...idle }
      case 'failed':
        return { state: 'failed', lan: s.options.lan, ...idle, error: s.error }
      case 'running': {
        // Bound to 0.0.0.0 (no IPv6 here), IPv6 addresses would not answer.
        const addresses = s.options.lan
          ? lanAddresses(this.#networkInterfaces(), { ipv6: s.host === '::' })
          : []
        return {
          state: 'running',
          port: s.port,
          lan: s.options.lan,
          localUrl: `http://127.0.0.1:${s.port}`,
          lanUrls: addresses.map((a) => `http://${a.includes(':') ? `[${a}]` : a}:${s.port}`),
          error: null,
          accessKey: this.#base.accessKey,
        }
      }
      default: {
        const _: never = s
        return _
      }
    }
  }

  /** Calls `listener` with every status change; returns the function that unsubscribes. */
  onStatus(listener: (status: HostStatus) => void): Unsubscribe {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task)
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #start(options: HostOptions): Promise<HostStatus> {
    const s = this.#state
    if (s.state === 'running') {
      const same = s.options.lan === options.lan && [s.options.port, s.port].includes(options.port)
      if (same) return this.status()
      await this.#shutdown(s.server, RESTART_NOTICE)
    }
    this.#set({ state: 'starting', options })
    try {
      const bound = options.lan
        ? await this.#listenAnywhere(options.port)
        : await this.#listenOn('127.0.0.1', options.port)
      this.#set({ state: 'running', options, ...bound })
    } catch (error) {
      this.#log.warn({ err: error, port: options.port }, 'built-in server failed to start')
      this.#set({ state: 'failed', options, error: describeStartError(error, options.port) })
    }
    return this.status()
  }

  /**
   * '::' is dual-stack on Linux, macOS and Windows (libuv clears IPV6_V6ONLY), so one socket serves
   * IPv4 guests, IPv6 guests and the app's own 127.0.0.1; where IPv6 is switched off '::' cannot
   * be bound, and 0.0.0.0 is used.
   */
  async #listenAnywhere(port: number): Promise<Bound> {
    try {
      return await this.#listenOn('::', port)
    } catch (error) {
      const code = errorCode(error)
      if (!NO_IPV6.has(code)) throw error
      this.#log.warn({ code }, 'IPv6 unavailable; the built-in server listens on IPv4 only')
      return this.#listenOn('0.0.0.0', port)
    }
  }

  /** Listens, or closes what it made and throws: a failed start leaves nothing open. */
  async #listenOn(host: string, port: number): Promise<Bound> {
    const server = this.#createServer({ ...this.#base, host, port })
    try {
      return { server, host, port: (await server.listen()).port }
    } catch (error) {
      await server.close()
      throw error
    }
  }

  async #shutdown(server: RendezvousServer, notice: string): Promise<void> {
    await server.shutdown(notice)
    this.#set({ state: 'stopped' })
  }

  #set(state: State): void {
    this.#state = state
    const status = this.status()
    for (const listener of this.#listeners) {
      // A broken listener must not stop the others or leave the queue half-way through a start.
      try {
        listener(status)
      } catch (err) {
        this.#log.error({ err }, 'host status listener threw')
      }
    }
  }
}
