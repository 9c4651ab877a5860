/**
 * What the operating system lets Noom capture (macOS and Windows privacy settings), for the notes
 * that explain a refusal and open the right settings page. In a browser every answer is 'unknown'
 * and nothing is shown.
 */
import type { MediaAccessKind, MediaAccessStatus, NoomBridge } from '../../src-preload/bridge.js'
import { bridge } from '../lib/bridge.js'

export type SystemAccessBridge = Pick<NoomBridge, 'getMediaAccess' | 'openMediaAccessSettings'>

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

  /** Opens the system's privacy page for `kind`. */
  openSettings(kind: MediaAccessKind): void {
    void this.#bridge.openMediaAccessSettings(kind).catch(() => {})
  }
}

export const systemAccess = new SystemAccess(bridge)
