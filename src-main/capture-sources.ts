// What the system can capture and how it is asked: the platform's capture path (Wayland portal,
// macOS system picker), the desktopCapturer query, and the sources as the renderer is shown them.
// The parts of Electron used are small interfaces the real objects satisfy, so tests need no Electron.
import type { ScreenSource } from '../contract/index.js'

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

/** Where the app runs, as far as capture cares; decided once in main by `capturePlatform`. */
export interface CapturePlatform {
  /** `process.platform`. */
  platform: string
  /** Capture goes through the xdg-desktop-portal, whose own dialog picks exactly one source. */
  waylandPortal: boolean
}

const THUMBNAIL = { width: 320, height: 180 }
const NO_THUMBNAIL = { width: 0, height: 0 }

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

/** The desktopCapturer query for a request on `platform`. */
export function sourcesQuery(platform: CapturePlatform): SourcesQuery {
  return {
    types: ['screen', 'window'],
    // The portal shows its own preview and its one source goes through unseen, so no thumbnails.
    thumbnailSize: platform.waylandPortal ? NO_THUMBNAIL : THUMBNAIL,
    fetchWindowIcons: true,
  }
}

/** The sources one request offers: what the renderer is shown, and the originals by id. */
export interface Offer {
  sources: ScreenSource[]
  byId: Map<string, CapturerSource>
}

/**
 * The sources to offer from what desktopCapturer found: only screens and windows, each id once
 * (the renderer keys its list by them and the answer names one).
 */
export function offerSources(found: readonly CapturerSource[]): Offer {
  const byId = new Map<string, CapturerSource>()
  const sources: ScreenSource[] = []
  for (const source of found) {
    const shown = toScreenSource(source)
    if (!shown || byId.has(source.id)) continue
    byId.set(source.id, source)
    sources.push(shown)
  }
  return { sources, byId }
}
