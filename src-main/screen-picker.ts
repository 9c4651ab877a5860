// The screen-share round trip: getDisplayMedia → our setDisplayMediaRequestHandler → the in-app
// picker in the renderer → its answer back to Electron. Every way a request ends (a choice, a cancel,
// a timeout, the window going away, a newer request) completes it exactly once, failing closed.
// What is listed and how it is shown is capture-sources.ts; this file is the request's lifetime.
import { randomUUID } from 'node:crypto'
import type { ScreenPickChoice, ScreenPickRequest } from '../contract/index.js'
import {
  offerSources,
  sourcesQuery,
  type CapturePlatform,
  type CapturerSource,
  type SourcesQuery,
} from './capture-sources.js'

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

  async #offer(pending: Pending, audioRequested: boolean): Promise<void> {
    let found: readonly CapturerSource[]
    try {
      found = await this.#options.getSources(sourcesQuery(this.#options.platform))
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
    const { sources, byId } = offerSources(found)
    // Nothing to share, or the portal's dialog was cancelled.
    if (sources.length === 0) {
      this.#complete(pending, null)
      return
    }
    pending.offered = byId
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
