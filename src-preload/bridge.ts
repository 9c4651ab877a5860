/**
 * The renderer's only way to the desktop. Pure types: the renderer imports this file too, so it must
 * not import `electron`. The preload implements it over IPC (expose.ts); src-renderer/lib/bridge.ts
 * has the web implementation used in a plain browser.
 *
 * One method per capability. Every `on…` method returns the function that unsubscribes, and its
 * callback receives only the payload, never the IPC event.
 */
export interface NoomBridge {
  /** The app's version and the platform it runs on (`process.platform`, or `'web'` in a browser). */
  getInfo(): Promise<AppInfo>

  /** The saved settings, validated by main; null in a browser (the page keeps its own). */
  getSettings(): Promise<UserSettings | null>
  /** Replaces the saved settings. Rejects, changing nothing, when `settings` is not valid. */
  setSettings(settings: UserSettings): Promise<void>
  /**
   * Lets the page reach `serverUrl` (the page's Content-Security-Policy names the servers it may
   * connect to). Answers `reload: true` when the page must be reloaded for the change to apply.
   */
  allowServer(serverUrl: string): Promise<{ reload: boolean }>

  /** The screens and windows that could be shared now, with fresh thumbnails. */
  getScreenSources(): Promise<ScreenSource[]>
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

  /** Opens an https link in the system browser if its host is allowlisted; false when refused. */
  openExternal(url: string): Promise<boolean>

  /** Starts the built-in rendezvous server ("Host on this computer"); resolves with its status. */
  startHost(options: HostOptions): Promise<HostStatus>
  /** Stops the built-in server; members connected to it are told it is closing. */
  stopHost(): Promise<HostStatus>
  getHostStatus(): Promise<HostStatus>
  onHostStatus(listener: (status: HostStatus) => void): Unsubscribe
}

export type Unsubscribe = () => void

export interface AppInfo {
  version: string
  platform: string
}

/** The settings main keeps in userData/settings.json for the renderer. */
export interface UserSettings {
  /** Rendezvous server, http(s)://host[:port]; '' when none is chosen (the built-in one is used). */
  serverUrl: string
  nickname: string
  lastRoom: string
  devices: {
    audioInput: string | null
    videoInput: string | null
    audioOutput: string | null
  }
  micOn: boolean
  cameraOn: boolean
  /** A BCP 47 language tag the user chose, or null to follow the system. */
  locale: string | null
  relayOnly: boolean
}

export interface ScreenSource {
  /** desktopCapturer's id, e.g. 'screen:0:0' or 'window:1234:0'. */
  id: string
  name: string
  kind: 'screen' | 'window'
  /** A PNG data URL; '' when the system gave no thumbnail. */
  thumbnail: string
  /** The window's app icon as a PNG data URL, or null (screens, or no icon). */
  appIcon: string | null
}

export interface ScreenPickRequest {
  requestId: string
  sources: ScreenSource[]
  /** The system can add its own audio output to the share (Windows loopback). */
  systemAudio: boolean
}

export interface ScreenPickChoice {
  sourceId: string
  /** Share system audio too; honoured only when the request offered it. */
  systemAudio: boolean
}

export type MediaAccessKind = 'camera' | 'microphone' | 'screen'
export type MediaAccessStatus = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown'

export interface AppNotification {
  title: string
  body: string
}

export interface CallState {
  inCall: boolean
}

/** A validated `noom://join/<room>?server=<origin>` link. */
export interface DeepLink {
  /** The room name, normalised by protocol's roomNameSchema. */
  room: string
  /** The rendezvous server's origin (http or https), when the link names one. */
  server?: string
}

export interface HostOptions {
  /** TCP port, 1024–65535, or 0 for any free port. */
  port: number
  /** Listen on every network interface so others on the LAN can join; else loopback only. */
  lan: boolean
}

export interface HostStatus {
  state: 'stopped' | 'starting' | 'running' | 'failed'
  /** The port listened on while running (the chosen one when `port` was 0). */
  port: number | null
  lan: boolean
  /** The address this computer's app uses, e.g. http://127.0.0.1:43210, while running. */
  localUrl: string | null
  /** Addresses to give others on the LAN (one per IPv4/IPv6 interface), when `lan` and running. */
  lanUrls: string[]
  /** Why the last start failed, in words a person understands (e.g. "Port 8080 is in use"). */
  error: string | null
}
