// Chat notifications and the unread badge. Notification text comes from other members (their
// nickname and message), so it is cut to size, stripped of control characters and, on Linux, where
// notification servers interpret a subset of HTML in the body, escaped.
import type { AppNotification } from '../contract/index.js'

/** What the attention service needs from Electron, per platform; index.ts adapts the real APIs. */
export interface AttentionHost {
  platform: NodeJS.Platform
  /** False where the system has no notifications (Notification.isSupported()). */
  notificationsSupported(): boolean
  show(notification: AppNotification, onClick: () => void): void
  isWindowFocused(): boolean
  focusWindow(): void
  /** app.setBadgeCount: the dock (macOS) or launcher (Unity/KDE) count. */
  setBadgeCount(count: number): void
  /** BrowserWindow.flashFrame: Windows has no taskbar count, so the button flashes instead. */
  flashFrame(flag: boolean): void
}

export const NOTIFICATION_LIMITS = { title: 64, body: 200 }
/** At most one notification per interval: a busy chat must not bury the desktop in them. */
export const NOTIFY_INTERVAL_MS = 3000
export const BADGE_MAX = 99

const CONTROL = /[\p{Cc}\p{Cf}]+/gu

/** One line of plain text at most `max` characters long (ending in … when cut). */
export function plainText(value: string, max: number): string {
  const line = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}

/** Escapes the characters that notification servers following the freedesktop spec treat as markup. */
export function escapeMarkup(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export class Attention {
  readonly #host: AttentionHost
  readonly #now: () => number
  #lastShown = Number.NEGATIVE_INFINITY

  constructor(host: AttentionHost, now: () => number = Date.now) {
    this.#host = host
    this.#now = now
  }

  /**
   * Shows `notification` if the window is not focused (the user sees the chat otherwise) and none
   * was shown in the last NOTIFY_INTERVAL_MS; clicking it brings the window back. Returns whether
   * it was shown.
   */
  notify(notification: AppNotification): boolean {
    const host = this.#host
    if (host.isWindowFocused() || !host.notificationsSupported()) return false
    const now = this.#now()
    if (now - this.#lastShown < NOTIFY_INTERVAL_MS) return false
    this.#lastShown = now
    let title = plainText(notification.title, NOTIFICATION_LIMITS.title)
    let body = plainText(notification.body, NOTIFICATION_LIMITS.body)
    if (host.platform === 'linux') {
      title = escapeMarkup(title)
      body = escapeMarkup(body)
    }
    host.show({ title, body }, () => host.focusWindow())
    return true
  }

  /** Shows the unread count (capped at BADGE_MAX; 0 clears it). */
  setBadgeCount(count: number): void {
    const shown = Math.min(Math.max(0, Math.floor(count)), BADGE_MAX)
    if (this.#host.platform === 'win32') {
      this.#host.flashFrame(shown > 0 && !this.#host.isWindowFocused())
    } else {
      this.#host.setBadgeCount(shown)
    }
  }
}
