// Decisions for session.setPermissionRequestHandler, setPermissionCheckHandler and
// setDevicePermissionHandler. Electron grants every permission by default, so main installs these
// and everything not listed here is denied.

/** The part of Electron's `PermissionRequest` / `MediaAccessPermissionRequest` the decision reads. */
export interface PermissionRequestInfo {
  permission: string
  requestingUrl: string
  isMainFrame: boolean
  /** Set for 'media' and 'display-capture': which of camera/screen video and audio are wanted. */
  mediaTypes?: readonly string[]
}

/** The part of a permission check (`requestingOrigin` plus Electron's details) the decision reads. */
export interface PermissionCheckInfo {
  permission: string
  requestingOrigin: string
  isMainFrame: boolean
  /** 'video', 'audio' or 'unknown' for 'media' checks. */
  mediaType?: string
  /** Only set when a cross-origin subframe makes the check. */
  embeddingOrigin?: string
}

/** What a call needs: camera/microphone, screen sharing, "someone joined" notices, full screen video. */
const GRANTED = new Set(['media', 'display-capture', 'notifications', 'fullscreen'])
const MEDIA_TYPES = new Set(['video', 'audio'])

/**
 * The scheme and host (with port) of a URL, or null when it has no host of its own. Compared
 * by hand because Node gives non-special schemes such as app:// the opaque origin "null", and
 * because file:, data:, about: and blob: pages must never match anything.
 */
function originKey(url: string): string | null {
  const parsed = URL.parse(url)
  if (!parsed || parsed.protocol === 'file:' || parsed.hostname === '') return null
  // Credentials in the authority (app://noom@evil) are a look-alike trick, not the app.
  if (parsed.username !== '' || parsed.password !== '') return null
  // Host names are case-insensitive; Chromium lowercases standard schemes, Node does not for app:.
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`
}

/** True when `url` belongs to the app's own origin (for example `app://noom` or the dev server). */
export function isAppOrigin(url: string, appOrigin: string): boolean {
  const app = originKey(appOrigin)
  return app !== null && originKey(url) === app
}

/**
 * The answer for `session.setPermissionRequestHandler`: true only for a permission a call needs,
 * asked for by the app's main frame. Media requests must name only camera ('video') and
 * microphone ('audio'); an empty or unknown list is refused.
 */
export function decidePermission(request: PermissionRequestInfo, appOrigin: string): boolean {
  if (!GRANTED.has(request.permission)) return false
  if (!request.isMainFrame || !isAppOrigin(request.requestingUrl, appOrigin)) return false
  if (request.permission === 'media') {
    const types = request.mediaTypes ?? []
    return types.length > 0 && types.every((type) => MEDIA_TYPES.has(type))
  }
  return true
}

/**
 * The answer for `session.setPermissionCheckHandler` (used by e.g. `navigator.permissions.query`
 * and device enumeration): the same permissions as requests, for the app's main frame only.
 */
export function decidePermissionCheck(check: PermissionCheckInfo, appOrigin: string): boolean {
  if (!GRANTED.has(check.permission)) return false
  if (!check.isMainFrame || !isAppOrigin(check.requestingOrigin, appOrigin)) return false
  // Only cross-origin subframes carry an embedding origin; refuse it even if isMainFrame lies.
  if (check.embeddingOrigin !== undefined && !isAppOrigin(check.embeddingOrigin, appOrigin)) {
    return false
  }
  if (check.permission === 'media' && check.mediaType !== undefined) {
    return MEDIA_TYPES.has(check.mediaType)
  }
  return true
}

/**
 * The answer for `session.setDevicePermissionHandler`: Noom never needs HID, serial or USB
 * devices, so no page gets one.
 */
export function decideDevicePermission(): boolean {
  return false
}
