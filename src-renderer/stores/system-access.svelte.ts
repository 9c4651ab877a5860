/**
 * What the operating system lets Noom capture (macOS and Windows privacy settings), for the notes
 * that explain a refusal and open the right settings page. In a browser every answer is 'unknown'
 * and nothing is shown.
 */
import type { MediaAccessKind, MediaAccessStatus, NoomBridge } from '../../contract/index.js'

export type SystemAccessBridge = Pick<
  NoomBridge,
  'getMediaAccess' | 'requestMediaAccess' | 'openMediaAccessSettings'
>

export class SystemAccess {
  #status = $state<Record<MediaAccessKind, MediaAccessStatus>>({
    camera: 'unknown',
    microphone: 'unknown',
    screen: 'unknown',
  })
  readonly #bridge: SystemAccessBridge

  constructor(access: SystemAccessBridge) {
    this.#bridge = access
  }

  /** The system refuses `kind` (the user said no, or a policy does): only its settings can help. */
  blocked(kind: MediaAccessKind): boolean {
    const status = this.#status[kind]
    return status === 'denied' || status === 'restricted'
  }

  /** Asks the system again (after a refusal, or when a picker opens). Failures change nothing. */
  async check(kind: MediaAccessKind): Promise<void> {
    try {
      const status = await this.#bridge.getMediaAccess(kind)
      this.#status = { ...this.#status, [kind]: status }
    } catch {
      // The note keeps its general advice.
    }
  }

  /**
   * Asks the system about the camera and microphone the user joins with, where it has never been
   * asked (only macOS answers 'not-determined'), so its question comes before the device check
   * opens them rather than after a preview that failed. What the user answers shows up as the
   * device check's problems; a failure to ask is not one.
   */
  async askFirst(wanted: { camera: boolean; microphone: boolean }): Promise<void> {
    for (const kind of ['microphone', 'camera'] as const) {
      if (!wanted[kind]) continue
      try {
        if ((await this.#bridge.getMediaAccess(kind)) === 'not-determined') {
          await this.#bridge.requestMediaAccess(kind)
        }
      } catch {
        // The device check will say what is wrong.
      }
    }
  }

  /** Opens the system's privacy page for `kind`. */
  openSettings(kind: MediaAccessKind): void {
    void this.#bridge.openMediaAccessSettings(kind).catch(() => {})
  }
}
