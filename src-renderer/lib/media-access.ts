/**
 * macOS asks the user once whether Noom may use the camera and microphone. Asking before the
 * device check opens them puts the system's question first, instead of a preview that fails and
 * is then retried.
 */
import type { NoomBridge } from '../../src-preload/bridge.js'

export type MediaAccessBridge = Pick<NoomBridge, 'getMediaAccess' | 'requestMediaAccess'>

/**
 * Asks for camera and microphone access where the system has not been asked yet (only macOS has
 * 'not-determined'). What the user answers shows up later as the device check's problems; a
 * failure to ask is not one (the device check reports what goes wrong itself).
 */
export async function askForMediaAccess(
  bridge: MediaAccessBridge,
  wanted: { camera: boolean; microphone: boolean },
): Promise<void> {
  for (const kind of ['microphone', 'camera'] as const) {
    if (!wanted[kind]) continue
    try {
      if ((await bridge.getMediaAccess(kind)) === 'not-determined') {
        await bridge.requestMediaAccess(kind)
      }
    } catch {
      // The device check will say what is wrong.
    }
  }
}
