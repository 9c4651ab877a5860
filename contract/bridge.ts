/**
 * The renderer's only way to the desktop, as types inferred from the contract's schemas. No
 * `electron` import: the renderer imports this too. src-preload implements it over IPC; the
 * renderer has a web implementation for a plain browser.
 *
 * One method per capability. Every `on…` method returns the function that unsubscribes, and its
 * callback receives only the payload, never the IPC event.
 */
import type { z } from 'zod'
import type { HostOptions, HostStatus } from './host.js'
import type {
  allowServerResultSchema,
  AppInfo,
  AppNotification,
  CallState,
  DeepLink,
  MediaAccessKind,
  MediaAccessStatus,
  ScreenPickChoice,
  ScreenPickRequest,
} from './payloads.js'
import type { UserSettings } from './settings.js'

export interface NoomBridge {
  /** The app's version and the platform it runs on (`process.platform`, or `'web'` in a browser). */
  getInfo(): Promise<AppInfo>

  /** The saved settings, validated by main; null in a browser (the page keeps its own). */
  getSettings(): Promise<UserSettings | null>
  /**
   * Replaces the saved settings. Resolves once they are on disk. Rejects, changing nothing, when
   * `settings` is not valid, or names a server the user has not admitted (`allowServer`, a link's
   * dialog with "from now on" ticked); rejects with a sentence for the user ("Noom could not save
   * your settings: the disk is full.") when the write failed, while the settings still hold for
   * this run.
   */
  setSettings(settings: UserSettings): Promise<void>
  /**
   * Asks to use `serverUrl` (the page's Content-Security-Policy names the servers it may connect
   * to). A server not admitted yet is put to the user in main's own dialog, never the page's; once
   * admitted it is saved as the user's server. `http:` is refused but for this computer and private
   * network addresses. Answers whether it is admitted, and `reload: true` when the page must be
   * reloaded for it to be reachable.
   */
  allowServer(serverUrl: string): Promise<z.infer<typeof allowServerResultSchema>>

  /** A screen share asked main for a source: show the picker, then answer with `answerScreenPick`. */
  onScreenPick(listener: (request: ScreenPickRequest) => void): Unsubscribe
  /** Completes a pick: a source offered in the request, or null to cancel. */
  answerScreenPick(requestId: string, choice: ScreenPickChoice | null): Promise<void>

  /** Whether the system lets Noom use the camera, microphone or screen (macOS; others 'granted'). */
  getMediaAccess(kind: MediaAccessKind): Promise<MediaAccessStatus>
  /** Asks the system for camera or microphone access (macOS shows its prompt once). */
  requestMediaAccess(kind: 'camera' | 'microphone'): Promise<boolean>
  /** Opens the system's privacy settings for `kind`, where a denied access is turned back on. */
  openMediaAccessSettings(kind: MediaAccessKind): Promise<void>

  /** Shows a system notification when the window is not focused; clicking it focuses the window. */
  notify(notification: AppNotification): Promise<void>
  /** Shows `count` unread messages on the dock or taskbar icon (0 clears it). */
  setBadgeCount(count: number): Promise<void>
  /** Tells main whether a call is on: it keeps the display awake and asks before closing. */
  setCallState(state: CallState): Promise<void>

  /** A noom:// link was opened (cold start, second instance or macOS open-url), validated by main. */
  onDeepLink(listener: (link: DeepLink) => void): Unsubscribe

  /** Starts the built-in rendezvous server ("Host on this computer"); resolves with its status. */
  startHost(options: HostOptions): Promise<HostStatus>
  /** Stops the built-in server; members connected to it are told it is closing. */
  stopHost(): Promise<HostStatus>
  getHostStatus(): Promise<HostStatus>
  onHostStatus(listener: (status: HostStatus) => void): Unsubscribe
}

export type Unsubscribe = () => void

/** The bridge methods that are requests to main (the `on…` ones listen to main's events). */
export type BridgeRequest = Exclude<keyof NoomBridge, `on${string}`>
