// The screen-share round trip: getDisplayMedia → our setDisplayMediaRequestHandler → the in-app
// picker in the renderer → its answer back to Electron. Every way a request ends (a choice, a cancel,
// a timeout, the window going away, a newer request) completes it exactly once, failing closed. The
// parts of Electron used are small interfaces the real objects satisfy, so tests need no Electron.
import { randomUUID } from 'node:crypto'
import type { ScreenPickChoice, ScreenPickRequest, ScreenSource } from '../src-preload/bridge.js'

/** The part of Electron's `NativeImage` the picker reads. */
export interface ImageLike {
  isEmpty(): boolean
  /** A PNG data URL (`data:image/png;base64,...`). */
  toDataURL(): string
}

/** The part of Electron's `DesktopCapturerSource` the picker reads. */
export interface CapturerSource {
  id: string
  name: string
  thumbnail: ImageLike
  /** Electron types it as always set, but documents null for screens and unfetched icons. */
  appIcon: ImageLike | null
}

/** The options given to `desktopCapturer.getSources`. */
export interface SourcesQuery {
  types: ('screen' | 'window')[]
  thumbnailSize: { width: number; height: number }
  fetchWindowIcons: boolean
}

/** The part of Electron's display-media request the picker reads. */
export interface DisplayRequest {
  /** Origin of the page that called getDisplayMedia. */
  securityOrigin: string
  /** The page asked for audio too; only then can system audio be offered. */
  audioRequested: boolean
}

/** A grant: the desktopCapturer source to capture, plus system audio (Windows only). */
export interface GrantedStreams {
  video: { id: string; name: string }
  audio?: 'loopback'
}

/** Electron's handler callback: the streams to grant, or null to deny. */
export type DisplayMediaCallback = (streams: GrantedStreams | null) => void

/** Where the app runs, as far as capture cares; decided once in main by `capturePlatform`. */
export interface CapturePlatform {
  /** `process.platform`. */
  platform: string
  /** Capture goes through the xdg-desktop-portal, whose own dialog picks exactly one source. */
  waylandPortal: boolean
}

/** Timer functions, injectable so tests control time. */
export interface PickerTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Where the picker reports what went wrong; `console` satisfies it. */
export interface PickerLogger {
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

/** What a `ScreenPicker` works with; main passes the real Electron parts. */
export interface ScreenPickerOptions {
  /** `(query) => desktopCapturer.getSources(query)`. */
  getSources: (query: SourcesQuery) => Promise<readonly CapturerSource[]>
  /** Shows the picker: sends the request to the main window's renderer (EVENTS.screenPick). */
  send: (request: ScreenPickRequest) => void
  platform: CapturePlatform
  /** Whether a request's origin is the app itself (e.g. permissions.ts `isAppOrigin`). */
  isAllowedOrigin: (origin: string) => boolean
  logger: PickerLogger
  /** How long the user has to choose before the request is denied. Default 60 s. */
  timeoutMs?: number
  timers?: PickerTimers
  /** Request ids; they must be unguessable, as the renderer proves with one which pick it answers. */
  newId?: () => string
}

/** The default time to choose: long enough to look through windows, short enough not to hang a call. */
export const PICK_TIMEOUT_MS = 60_000

const THUMBNAIL = { width: 320, height: 180 }
const NO_THUMBNAIL = { width: 0, height: 0 }

const realTimers: PickerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Refuses a display-media request; the page's getDisplayMedia() rejects.
 *
 * `null` is the refusal Electron accepts. Its native side (ElectronBrowserContext::
 * DisplayMediaDeviceChosen in shell/browser/electron_browser_context.cc) answers null or undefined
 * with CAPTURE_FAILURE, but reads any object, `{}` included, as a grant, and a grant without
 * `video` throws "Video was requested, but no video stream was provided" into main. Electron 45
 * types the callback `(streams: Streams | null) => void`; its desktopCapturer docs deny the same way.
 */
export function denyDisplayMedia(callback: DisplayMediaCallback): void {
  callback(null)
}

/**
 * Decides how capture works here. WebRTC captures through PipeWire and the portal when
 * XDG_SESSION_TYPE starts with "wayland" and WAYLAND_DISPLAY is set (DesktopCapturer::
 * IsRunningUnderWayland), whatever window backend Electron uses, so an app forced onto XWayland
 * still gets the portal. ELECTRON_OZONE_PLATFORM_HINT is not consulted: it only chose the window
 * backend, and Electron 38 removed it in favour of XDG_SESSION_TYPE.
 */
export function capturePlatform(
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
): CapturePlatform {
  const wayland = (env['XDG_SESSION_TYPE'] ?? '').startsWith('wayland') && !!env['WAYLAND_DISPLAY']
  return { platform, waylandPortal: platform === 'linux' && wayland }
}

/**
 * Options for `session.setDisplayMediaRequestHandler`. `useSystemPicker` is on for macOS 15 and
 * later (`systemVersion` from `process.getSystemVersion()`): Electron then shows the system's own
 * picker when it is available and does not call our handler; where it is not, Electron falls back
 * to the handler and the in-app picker. The option is experimental and macOS-only in Electron 45.
 */
export function displayMediaHandlerOptions(
  platform: string,
  systemVersion: string,
): { useSystemPicker: boolean } {
  const major = Number.parseInt(systemVersion.split('.')[0] ?? '', 10)
  return { useSystemPicker: platform === 'darwin' && major >= 15 }
}

/**
 * What the renderer is shown for one desktopCapturer source, or null for an id that is neither a
 * screen nor a window (never offered, so never grantable).
 */
export function toScreenSource(source: CapturerSource): ScreenSource | null {
  const kind = source.id.startsWith('screen:')
    ? 'screen'
    : source.id.startsWith('window:')
      ? 'window'
      : null
  if (kind === null) return null
  const icon =
    kind === 'window' && source.appIcon && !source.appIcon.isEmpty() ? source.appIcon : null
  return {
    id: source.id,
    name: source.name,
    kind,
    thumbnail: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL(),
    appIcon: icon ? icon.toDataURL() : null,
  }
}

/** One display-media request, from arrival until it is completed. */
interface Pending {
  id: string
  callback: DisplayMediaCallback
  timer: unknown
  done: boolean
  /** The sources offered to the renderer by id; null while they are still being listed. */
  offered: Map<string, CapturerSource> | null
  systemAudio: boolean
}

/**
 * Runs display-media requests through the in-app picker. Install `handleRequest` with
 * `session.setDisplayMediaRequestHandler(picker.handleRequest, displayMediaHandlerOptions(...))`,
 * route the renderer's `answerScreenPick` to `answer`, and call `cancelAll` when the window closes.
 *
 * One request is open at a time. A new one supersedes (denies) the open one: getDisplayMedia needs
 * a user gesture, so the newest request is what the user just asked for, and the renderer replaces
 * its picker when the new request arrives; denying the new one instead would leave a stale picker
 * whose share button was no longer the one the user pressed.
 */
export class ScreenPicker {
  readonly #options: ScreenPickerOptions
  readonly #timers: PickerTimers
  #open: Pending | null = null

  constructor(options: ScreenPickerOptions) {
    this.#options = options
    this.#timers = options.timers ?? realTimers
  }

  /** The display-media handler; an arrow property so it can be passed to Electron unbound. */
  readonly handleRequest = (request: DisplayRequest, callback: DisplayMediaCallback): void => {
    const pending: Pending = {
      id: (this.#options.newId ?? randomUUID)(),
      callback,
      timer: undefined,
      done: false,
      offered: null,
      systemAudio: false,
    }
    if (!this.#options.isAllowedOrigin(request.securityOrigin)) {
      // Checked before listing: on Wayland listing alone opens the portal dialog.
      this.#options.logger.warn('screen share: refused a request from another origin')
      this.#complete(pending, null)
      return
    }
    if (this.#open) this.#complete(this.#open, null)
    this.#open = pending
    // Counted from arrival so that a listing that never returns also ends the request.
    const ms = this.#options.timeoutMs ?? PICK_TIMEOUT_MS
    pending.timer = this.#timers.setTimeout(() => this.#complete(pending, null), ms)
    void this.#offer(pending, request.audioRequested)
  }

  /**
   * Completes the open request with the renderer's answer: the chosen source, or null to cancel.
   * A source that was not offered denies it. Returns false, changing nothing, when `requestId` is
   * not the open request (unknown, already completed, or not yet shown).
   */
  answer(requestId: string, choice: ScreenPickChoice | null): boolean {
    const pending = this.#open
    if (!pending || pending.id !== requestId || !pending.offered) return false
    if (choice === null) {
      this.#complete(pending, null)
      return true
    }
    const source = pending.offered.get(choice.sourceId)
    if (!source) {
      this.#options.logger.warn('screen share: the answer named a source that was not offered')
      this.#complete(pending, null)
      return true
    }
    const audio = pending.systemAudio && choice.systemAudio
    this.#complete(pending, {
      video: { id: source.id, name: source.name },
      ...(audio ? { audio: 'loopback' as const } : {}),
    })
    return true
  }

  /** Denies the open request, if any: the window closed or its page went away. */
  cancelAll(): void {
    if (this.#open) this.#complete(this.#open, null)
  }

  /**
   * The sources that could be shared now, for the bridge's getScreenSources. None on Wayland,
   * where listing would open the portal's dialog.
   */
  async listSources(): Promise<ScreenSource[]> {
    // Under Wayland every listing opens the portal's own dialog: only a real request may do that.
    if (this.#options.platform.waylandPortal) return []
    const sources = await this.#options.getSources(this.#query())
    return sources.map(toScreenSource).filter((source) => source !== null)
  }

  #query(): SourcesQuery {
    return {
      types: ['screen', 'window'],
      // The portal shows its own preview and its one source goes through unseen, so no thumbnails.
      thumbnailSize: this.#options.platform.waylandPortal ? NO_THUMBNAIL : THUMBNAIL,
      fetchWindowIcons: true,
    }
  }

  async #offer(pending: Pending, audioRequested: boolean): Promise<void> {
    let found: readonly CapturerSource[]
    try {
      found = await this.#options.getSources(this.#query())
    } catch (error) {
      this.#options.logger.error('screen share: could not list the sources', error)
      this.#complete(pending, null)
      return
    }
    // Timed out, superseded or cancelled while listing: nothing is shown for it.
    if (pending.done) return
    const [only] = found
    if (this.#options.platform.waylandPortal && found.length === 1 && only) {
      // The user already chose this source in the portal's dialog; a second picker would only ask again.
      this.#complete(pending, { video: { id: only.id, name: only.name } })
      return
    }
    const offered = new Map<string, CapturerSource>()
    const sources: ScreenSource[] = []
    for (const source of found) {
      const shown = toScreenSource(source)
      // Ids must be unique: the renderer keys its list by them and the answer names one.
      if (!shown || offered.has(source.id)) continue
      offered.set(source.id, source)
      sources.push(shown)
    }
    // Nothing to share, or the portal's dialog was cancelled.
    if (sources.length === 0) {
      this.#complete(pending, null)
      return
    }
    pending.offered = offered
    // Electron's 'loopback' audio works only on Windows, and only matters if the page asked for audio.
    pending.systemAudio = this.#options.platform.platform === 'win32' && audioRequested
    try {
      this.#options.send({ requestId: pending.id, sources, systemAudio: pending.systemAudio })
    } catch (error) {
      this.#options.logger.error('screen share: could not show the picker', error)
      this.#complete(pending, null)
    }
  }

  /** The one place a request ends: at most once, and never throwing into Electron or a timer. */
  #complete(pending: Pending, streams: GrantedStreams | null): void {
    if (pending.done) return
    pending.done = true
    if (pending.timer !== undefined) this.#timers.clearTimeout(pending.timer)
    if (this.#open === pending) this.#open = null
    try {
      if (streams) pending.callback(streams)
      else denyDisplayMedia(pending.callback)
    } catch (error) {
      // Electron throws a TypeError for a grant it cannot use; it has then failed the request itself.
      this.#options.logger.error('screen share: Electron refused the answer', error)
    }
  }
}
