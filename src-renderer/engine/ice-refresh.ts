/**
 * Keeping TURN credentials fresh for a call. The server hands out coturn REST credentials whose
 * username is `expiry:memberId` (docs/protocol.md, "ICE servers"), valid for `--turn-ttl` (an hour
 * by default), and only while someone else is in the room. So the engine reads the expiry from the
 * username and asks again (`ice:refresh`) before it comes, and also before it makes a peer
 * connection without unexpired credentials (the first member of a room has none until the second
 * arrives). Fresh servers go to the open connections (`setConfiguration`) and to later ones.
 * Timing is pure arithmetic over an injected clock, so the tests need no real time.
 */

/** The clock and timer the refresher runs on (the page's own by default). */
export interface RefreshClock {
  now(): number
  /** Runs `run` after `ms`; returns a function that cancels it. */
  later(run: () => void, ms: number): () => void
  /** A number in [0, 1), for jitter. */
  random(): number
}

/** Refreshes never come sooner than this after the last one, nor credentials count as fresh with less left. */
export const MIN_REFRESH_MS = 10_000
/** Credentials are refreshed when this share of their remaining lifetime has passed… */
const REFRESH_AT = 0.8
/** …give or take this share of that wait, so a room's members do not refresh in lockstep. */
const JITTER = 0.1
/**
 * A newcomer's connection waits this long at most for the answer (a slow or older server must not
 * hold a call up); fresh servers that come later still reach it, for its next ICE restart.
 */
export const ENSURE_WAIT_MS = 3_000
/** A refresh that failed is retried after this, doubling each time up to the ceiling. */
const RETRY_FIRST_MS = 2_000
const RETRY_MAX_MS = 60_000

const pageClock: RefreshClock = {
  now: () => Date.now(),
  later: (run, ms) => {
    const timer = setTimeout(run, ms)
    return () => clearTimeout(timer)
  },
  random: () => Math.random(),
}

function isTurnUrl(url: string): boolean {
  return /^turns?:/i.test(url)
}

/**
 * When the soonest-expiring TURN credentials among `servers` expire (ms since the epoch), or null
 * when no TURN entry names its expiry (none at all, or a username not of the `expiry:…` form:
 * those are never refreshed on a timer).
 */
export function turnExpiry(servers: readonly RTCIceServer[]): number | null {
  let soonest: number | null = null
  for (const server of servers) {
    const urls = typeof server.urls === 'string' ? [server.urls] : server.urls
    if (!urls.some(isTurnUrl)) continue
    const match = /^(\d{1,12}):/.exec(server.username ?? '')
    if (!match?.[1]) continue
    const expiry = Number(match[1]) * 1000
    if (soonest === null || expiry < soonest) soonest = expiry
  }
  return soonest
}

/** Whether `servers` carry any TURN entry at all. */
export function hasTurn(servers: readonly RTCIceServer[]): boolean {
  return servers.some((s) => (typeof s.urls === 'string' ? [s.urls] : s.urls).some(isTurnUrl))
}

/** How long to wait before refreshing credentials that expire at `expiry`, seen at `now`. */
export function refreshDelay(expiry: number, now: number, random: number): number {
  const wait = (expiry - now) * REFRESH_AT
  const jittered = wait * (1 + JITTER * (2 * random - 1))
  return Math.max(MIN_REFRESH_MS, Math.round(jittered))
}

/** How long to wait before retry number `attempt` (0 first) of a refresh that failed. */
export function retryDelay(attempt: number, random: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt)
  return Math.round(base * (1 + JITTER * (2 * random - 1)))
}

export interface IceRefresherOptions {
  /** Asks the server for ICE servers afresh (`ice:refresh`). */
  refresh: () => Promise<RTCIceServer[]>
  /** Fresh servers arrived from a refresh: hand them to the open connections. */
  onServers: (servers: RTCIceServer[]) => void
  clock?: RefreshClock
}

export class IceRefresher {
  readonly #options: IceRefresherOptions
  readonly #clock: RefreshClock
  #servers: RTCIceServer[] = []
  #cancel: (() => void) | null = null
  #inflight: Promise<void> | null = null
  #failures = 0
  #stopped = false
  /** The server gave no TURN entry though someone else was in the room: it has no TURN to give. */
  #turnless = false

  constructor(options: IceRefresherOptions) {
    this.#options = options
    this.#clock = options.clock ?? pageClock
  }

  /** The servers new connections should use. */
  get servers(): RTCIceServer[] {
    return this.#servers
  }

  /**
   * Takes servers from a join answer and times their refresh. `company`: others were in the room
   * (so the answer would have carried TURN, were there any).
   */
  use(servers: RTCIceServer[], company: boolean): void {
    if (this.#stopped) return
    this.#failures = 0
    this.#take(servers, company)
  }

  /**
   * Null when new connections may be made with the servers held (fresh TURN credentials, or a
   * server without TURN); else a refresh (one at a time) that settles, never rejecting, once it is
   * over — with its servers taken, or, if it failed, with a retry on the timer — or after
   * ENSURE_WAIT_MS, whichever comes first.
   */
  ensure(): Promise<void> | null {
    if (this.#turnless || this.#stopped) return null
    const expiry = turnExpiry(this.#servers)
    if (expiry !== null && expiry - this.#clock.now() > MIN_REFRESH_MS) return null
    // TURN without a readable expiry is taken as good: it is not ours to time.
    if (expiry === null && hasTurn(this.#servers)) return null
    const refresh = this.#run(true)
    return new Promise((resolve) => {
      const cancel = this.#clock.later(resolve, ENSURE_WAIT_MS)
      void refresh.then(() => {
        cancel()
        resolve()
      })
    })
  }

  /** Stops for good (the call ended): no more timer, and a refresh under way is ignored. */
  stop(): void {
    this.#stopped = true
    this.#cancel?.()
    this.#cancel = null
  }

  #take(servers: RTCIceServer[], company: boolean): void {
    this.#servers = servers
    this.#turnless = company && !hasTurn(servers)
    const expiry = turnExpiry(servers)
    if (expiry === null) this.#arm(null)
    else this.#arm(refreshDelay(expiry, this.#clock.now(), this.#clock.random()))
  }

  #arm(ms: number | null): void {
    this.#cancel?.()
    this.#cancel = ms === null ? null : this.#clock.later(() => void this.#run(false), ms)
  }

  /** One refresh; `company`: asked for a member about to be called. */
  #run(company: boolean): Promise<void> {
    this.#inflight ??= this.#options.refresh().then(
      (servers) => {
        this.#inflight = null
        if (this.#stopped) return
        this.#failures = 0
        this.#take(servers, company)
        this.#options.onServers(servers)
      },
      () => {
        this.#inflight = null
        if (this.#stopped) return
        this.#arm(retryDelay(this.#failures++, this.#clock.random()))
      },
    )
    return this.#inflight
  }
}
