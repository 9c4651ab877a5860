// Camera, microphone and screen access as the operating system sees it. macOS asks the user once
// per app and remembers; Windows has per-app privacy switches; Linux has no such gate (a portal
// asks for the screen itself).
import {
  mediaAccessStatusSchema,
  type MediaAccessKind,
  type MediaAccessStatus,
} from '../contract/index.js'

/** The part of Electron's systemPreferences used here (both methods exist on macOS). */
export interface SystemPreferencesLike {
  getMediaAccessStatus(kind: MediaAccessKind): string
  askForMediaAccess(kind: 'camera' | 'microphone'): Promise<boolean>
}

/** The system's answer as the contract knows it; anything newer counts as 'unknown'. */
function asStatus(value: string): MediaAccessStatus {
  const parsed = mediaAccessStatusSchema.safeParse(value)
  return parsed.success ? parsed.data : 'unknown'
}

/**
 * The system's answer for `kind`. Windows reports camera and microphone (not the screen, which
 * needs no permission there); Linux has nothing to report and counts as granted.
 */
export function getMediaAccess(
  kind: MediaAccessKind,
  platform: NodeJS.Platform,
  prefs: SystemPreferencesLike,
): MediaAccessStatus {
  if (platform === 'darwin') return asStatus(prefs.getMediaAccessStatus(kind))
  if (platform === 'win32' && kind !== 'screen') return asStatus(prefs.getMediaAccessStatus(kind))
  return 'granted'
}

/**
 * Asks for camera or microphone access. Only macOS has a prompt to show (once; later answers are
 * the remembered one); elsewhere the answer is the current status.
 */
export async function requestMediaAccess(
  kind: 'camera' | 'microphone',
  platform: NodeJS.Platform,
  prefs: SystemPreferencesLike,
): Promise<boolean> {
  if (platform === 'darwin') return prefs.askForMediaAccess(kind)
  return getMediaAccess(kind, platform, prefs) === 'granted'
}

const MAC_PANES: Record<MediaAccessKind, string> = {
  camera: 'Privacy_Camera',
  microphone: 'Privacy_Microphone',
  screen: 'Privacy_ScreenCapture',
}
const WINDOWS_PAGES: Partial<Record<MediaAccessKind, string>> = {
  camera: 'ms-settings:privacy-webcam',
  microphone: 'ms-settings:privacy-microphone',
}

/**
 * The system settings page where access to `kind` is turned on, or null where there is none. These
 * are fixed strings, the only non-https URLs main ever opens.
 */
export function mediaAccessSettingsUrl(
  kind: MediaAccessKind,
  platform: NodeJS.Platform,
): string | null {
  if (platform === 'darwin') {
    return `x-apple.systempreferences:com.apple.preference.security?${MAC_PANES[kind]}`
  }
  if (platform === 'win32') return WINDOWS_PAGES[kind] ?? null
  return null
}
