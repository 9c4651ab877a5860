/**
 * The page's side of the desktop app: what main asks of it (a screen to pick, a noom:// link to
 * open) and what it tells main (a call is on, a server to admit). In a browser the web bridge
 * never asks and ignores what it is told.
 */
import type {
  DeepLink,
  NoomBridge,
  ScreenPickChoice,
  ScreenPickRequest,
} from '../../contract/index.js'

export type DesktopBridge = Pick<
  NoomBridge,
  'onScreenPick' | 'answerScreenPick' | 'onDeepLink' | 'setCallState' | 'allowServer'
>

export class DesktopStore {
  #pick = $state.raw<ScreenPickRequest | null>(null)
  readonly #bridge: DesktopBridge
  readonly #reload: () => void

  /** `reload` reloads the page (so a new Content-Security-Policy applies). */
  constructor(bridge: DesktopBridge, reload: () => void = () => window.location.reload()) {
    this.#bridge = bridge
    this.#reload = reload
  }

  /** The screen pick main is waiting for, or null. */
  get pick(): ScreenPickRequest | null {
    return this.#pick
  }

  /** Listens for pick requests and for links (handed to `onLink`); returns the unsubscribe. */
  listen(onLink: (link: DeepLink) => void): () => void {
    // A newer request replaces one still open (main denies the older one itself).
    const offPick = this.#bridge.onScreenPick((request) => (this.#pick = request))
    const offLink = this.#bridge.onDeepLink(onLink)
    return () => {
      offPick()
      offLink()
    }
  }

  /** Answers the open pick with a source, or null to cancel. */
  answerPick(choice: ScreenPickChoice | null): void {
    const pick = this.#pick
    if (!pick) return
    this.#pick = null
    void this.#bridge.answerScreenPick(pick.requestId, choice).catch(() => {})
  }

  /** Main keeps the display awake and asks before closing while a call is on. */
  setInCall(inCall: boolean): void {
    void this.#bridge.setCallState({ inCall }).catch(() => {})
  }

  /**
   * Asks to use `serverUrl`; true when the user admitted it. The page may only connect where its
   * CSP allows; main asks the user about a new server in its own dialog and adds it, and the page
   * reloads for that to apply (main saved it; settings, room included, survive).
   */
  async admitServer(serverUrl: string): Promise<boolean> {
    const refused = { admitted: false, reload: false }
    const { admitted, reload } = await this.#bridge.allowServer(serverUrl).catch(() => refused)
    if (reload) this.#reload()
    return admitted
  }
}
