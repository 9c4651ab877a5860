/**
 * What the call-setup bench runs inside its pages. Playwright sends each function's source to the
 * page, so a function here may use nothing from outside itself. tsconfig.node.json has no DOM
 * library: the page's globals are reached through casts to the small interfaces below.
 *
 * tsx (esbuild with keepNames) wraps named inner functions in `__name(fn, "name")`, a helper that
 * exists in Node but not in the page; `nameShim` defines it in every bench page before anything else.
 */

/** Wall-clock times (Date.now(), same machine clock as the bench) a page records for the bench. */
export interface PageRecord {
  /** First remote frame per remote nickname: by requestVideoFrameCallback and by polling. */
  frames: Record<string, { rvfc: number | null; decoded: number | null }>
  /** Every button click, seen in the capture phase before the app's own handler runs. */
  clicks: { label: string; at: number }[]
  /** Lobby readiness, in performance.now() ms from navigation start. */
  lobby: { fieldAt: number | null; connectedAt: number | null; interactiveAt: number | null }
  /** When the app's call screen (its controls) first showed. */
  callAt: number | null
  /** RTCPeerConnection steps, filled by call-setup-rtc-page.ts. */
  rtc: { at: number; pc: number; what: string }[]
  /** Main-thread ms spent inside WebRTC calls, by method (call-setup-rtc-page.ts). */
  blocked: Record<string, { calls: number; ms: number }>
}

/** Where the lobby stood on the page's own clock, ms from navigation start. */
export interface LobbyBreakdown {
  htmlResponseEnd: number
  scriptFetchStart: number | null
  scriptResponseEnd: number | null
  domContentLoaded: number
  firstContentfulPaint: number | null
  fieldAt: number | null
  connectedAt: number | null
  interactiveAt: number | null
  /** Navigation start as an epoch time, to compare with the bench's own clock. */
  timeOrigin: number
}

export interface PageNode {
  readonly textContent: string | null
  readonly disabled?: boolean
  getAttribute(name: string): string | null
  closest(selector: string): PageNode | null
  querySelector(selector: string): PageNode | null
  querySelectorAll(selector: string): ArrayLike<PageNode>
  getClientRects(): ArrayLike<unknown>
}

interface PageVideo extends PageNode {
  readonly videoWidth: number
  readonly webkitDecodedFrameCount?: number
  requestVideoFrameCallback?: (callback: () => void) => number
}

interface Observer {
  observe(target: unknown, options: Record<string, boolean>): void
  disconnect(): void
}

interface TimingEntry {
  name: string
  fetchStart: number
  responseEnd: number
  domContentLoadedEventEnd?: number
}

export interface PageGlobals {
  document: PageNode & {
    addEventListener(type: 'click', listener: (event: { target: unknown }) => void, c: true): void
  }
  MutationObserver: new (callback: () => void) => Observer
  performance: {
    now(): number
    timeOrigin: number
    getEntriesByType(type: string): TimingEntry[]
  }
  __name?: unknown
  __bench?: PageRecord
  __benchMark?: Promise<number | null>
}

/** Defines tsx's `__name` helper as a no-op in the page (see the file comment). */
export function nameShim(): void {
  const g = globalThis as unknown as PageGlobals
  g.__name = (fn: unknown) => fn
}

/**
 * Installed before the app's scripts in every bench page: records clicks, the lobby's readiness and
 * the first frame of every remote tile (`figure.tile.camera` whose `.name` is not "… (you)").
 */
export function installWatcher(pollMs: number): void {
  const g = globalThis as unknown as PageGlobals
  const record: PageRecord = {
    frames: {},
    clicks: [],
    lobby: { fieldAt: null, connectedAt: null, interactiveAt: null },
    callAt: null,
    rtc: [],
    blocked: {},
  }
  g.__bench = record
  const watched = new WeakSet<object>()

  const frame = (name: string, how: 'rvfc' | 'decoded'): void => {
    const entry = (record.frames[name] ??= { rvfc: null, decoded: null })
    if (entry[how] === null) entry[how] = Date.now()
  }
  const scan = (): void => {
    if (record.callAt === null && g.document.querySelector('section.controls')) {
      record.callAt = Date.now()
    }
    const videos = Array.from(g.document.querySelectorAll('figure.tile.camera video'))
    for (const node of videos) {
      const video = node as PageVideo
      const label = video.closest('figure')?.querySelector('.name')?.textContent?.trim() ?? ''
      if (label === '' || label.endsWith('(you)')) continue
      if (video.videoWidth > 0 && (video.webkitDecodedFrameCount ?? 0) > 0) frame(label, 'decoded')
      if (!watched.has(video) && video.requestVideoFrameCallback) {
        watched.add(video)
        video.requestVideoFrameCallback(() => frame(label, 'rvfc'))
      }
    }
  }
  setInterval(scan, pollMs)

  g.document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as PageNode | null)?.closest?.('button')
      if (!button) return
      const label = button.getAttribute('aria-label') ?? button.textContent?.trim() ?? ''
      record.clicks.push({ label, at: Date.now() })
    },
    true,
  )

  // The lobby is interactive once the name field can be typed in and the room list is connected.
  const lobby = record.lobby
  const check = (): void => {
    const field = g.document.querySelector('input[autocomplete="nickname"]')
    if (lobby.fieldAt === null && field && !field.disabled && field.getClientRects().length > 0) {
      lobby.fieldAt = g.performance.now()
    }
    const status = g.document.querySelector('[role="status"]')?.textContent?.trim() ?? ''
    if (lobby.connectedAt === null && status.startsWith('Connected to')) {
      lobby.connectedAt = g.performance.now()
    }
    if (lobby.fieldAt !== null && lobby.connectedAt !== null) {
      lobby.interactiveAt = Math.max(lobby.fieldAt, lobby.connectedAt)
      observer.disconnect()
    }
  }
  const observer = new g.MutationObserver(check)
  observer.observe(g.document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  })
}

/** The page's record (a structured copy). */
export function readRecord(): PageRecord | null {
  return (globalThis as unknown as PageGlobals).__bench ?? null
}

/** Navigation timings of the lobby's load, ms from navigation start. */
export function lobbyBreakdown(): LobbyBreakdown {
  const g = globalThis as unknown as PageGlobals
  const nav = g.performance.getEntriesByType('navigation')[0]
  const script = g.performance
    .getEntriesByType('resource')
    .find((e) => /\/assets\/.*\.js$/.test(e.name))
  const fcp = g.performance
    .getEntriesByType('paint')
    .find((e) => e.name === 'first-contentful-paint') as { startTime?: number } | undefined
  const lobby = g.__bench?.lobby
  return {
    htmlResponseEnd: nav?.responseEnd ?? NaN,
    scriptFetchStart: script?.fetchStart ?? null,
    scriptResponseEnd: script?.responseEnd ?? null,
    domContentLoaded: nav?.domContentLoadedEventEnd ?? NaN,
    firstContentfulPaint: fcp?.startTime ?? null,
    fieldAt: lobby?.fieldAt ?? null,
    connectedAt: lobby?.connectedAt ?? null,
    interactiveAt: lobby?.interactiveAt ?? null,
    timeOrigin: g.performance.timeOrigin,
  }
}

/**
 * Arms a watch for the "Microphone off" mark on `name`'s tile to appear (`present`) or go; the
 * bench clicks, then awaits `__benchMark` (the Date.now() of the change, null after `timeoutMs`).
 */
export function armMark(args: { name: string; present: boolean; timeoutMs: number }): void {
  const g = globalThis as unknown as PageGlobals
  g.__benchMark = new Promise<number | null>((resolve) => {
    const shows = (): boolean => {
      const tile = Array.from(g.document.querySelectorAll('figure.tile.camera')).find(
        (t) => t.querySelector('.name')?.textContent?.trim() === args.name,
      )
      return !!tile?.querySelector('[role="img"][aria-label="Microphone off"]')
    }
    const done = (at: number | null): void => {
      observer.disconnect()
      clearTimeout(timer)
      resolve(at)
    }
    const observer = new g.MutationObserver(() => {
      if (shows() === args.present) done(Date.now())
    })
    const timer = setTimeout(() => done(null), args.timeoutMs)
    observer.observe(g.document, { subtree: true, childList: true, attributes: true })
    if (shows() === args.present) done(Date.now())
  })
}

export function awaitMark(): Promise<number | null> {
  return (globalThis as unknown as PageGlobals).__benchMark ?? Promise.resolve(null)
}
