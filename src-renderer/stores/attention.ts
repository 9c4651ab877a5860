/**
 * Chat messages that arrive while the user looks elsewhere: a system notification (the desktop
 * app shows it only when the window is unfocused) and a count on the dock or taskbar icon until
 * the user is back and has seen them.
 */
import type { ChatMessage } from '../../protocol/index.js'
import type { NoomBridge } from '../../contract/index.js'

/** Whether the user is looking at the window, and a way to hear when they come back. */
export interface FocusSource {
  hasFocus(): boolean
  onFocus(listener: () => void): () => void
}

export class ChatAttention {
  readonly #bridge: Pick<NoomBridge, 'notify' | 'setBadgeCount'>
  readonly #focus: FocusSource
  readonly #stopListening: () => void
  /** Messages that came while the window was not focused. */
  #away = 0
  /** Messages not yet seen because the chat panel is closed (ChatStore's count). */
  #unread = 0
  #shown = 0

  constructor(bridge: Pick<NoomBridge, 'notify' | 'setBadgeCount'>, focus: FocusSource) {
    this.#bridge = bridge
    this.#focus = focus
    this.#stopListening = focus.onFocus(() => {
      this.#away = 0
      this.#sync()
    })
  }

  /** A message from someone else arrived. */
  message(message: ChatMessage): void {
    if (this.#focus.hasFocus()) return
    this.#away++
    void this.#bridge.notify({ title: message.nickname, body: message.text }).catch(() => {})
    this.#sync()
  }

  /**
   * Someone asks to join a call we host: the notice in the call shows it; in the background a
   * notification (with the system's sound) says so too.
   */
  knock(title: string, body: string): void {
    if (this.#focus.hasFocus()) return
    void this.#bridge.notify({ title, body }).catch(() => {})
  }

  /** The chat panel's unread count changed. */
  setUnread(count: number): void {
    this.#unread = count
    this.#sync()
  }

  /** The call is over: clear the badge. */
  reset(): void {
    this.#away = 0
    this.#unread = 0
    this.#sync()
  }

  dispose(): void {
    this.#stopListening()
    this.reset()
  }

  #sync(): void {
    const count = Math.max(this.#away, this.#unread)
    if (count === this.#shown) return
    this.#shown = count
    void this.#bridge.setBadgeCount(count).catch(() => {})
  }
}
