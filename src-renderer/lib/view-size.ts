/**
 * How large a remote camera is shown, for its sender (engine/view.ts): the video element's size in
 * device pixels, or null while it is not shown at all (laid out of view, or the window hidden).
 * Told once it has held still for a moment, so a window being resized sends one size, not fifty.
 */
import type { Attachment } from 'svelte/attachments'
import type { ViewSize } from '../../protocol/index.js'

/** How long a size must hold before it is told. */
export const VIEW_SETTLE_MS = 300

export type ViewReport = (size: ViewSize | null) => void

/** One string per view (null: not shown), to tell a change from a repeat. */
export function viewKey(size: ViewSize | null): string {
  return size ? `${size.width}x${size.height}` : 'hidden'
}

/** What the element's observers say; `report` hears the settled outcome, each change once. */
export class ShownSize {
  readonly #report: ViewReport
  readonly #settleMs: number
  /** Undefined until first measured; null: laid out to nothing. */
  #size: ViewSize | null | undefined = undefined
  #inView = true
  #windowShown = true
  #told: string | null = null
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(report: ViewReport, settleMs = VIEW_SETTLE_MS) {
    this.#report = report
    this.#settleMs = settleMs
  }

  /** The element's size in device pixels (zero in either direction: not shown). */
  resized(width: number, height: number): void {
    const w = Math.round(width)
    const h = Math.round(height)
    this.#size = w > 0 && h > 0 ? { width: w, height: h } : null
    this.#settle()
  }

  /** Whether any of it is inside the viewport. */
  inView(inView: boolean): void {
    this.#inView = inView
    this.#settle()
  }

  /** Whether the window is shown (document.visibilityState). */
  windowShown(shown: boolean): void {
    this.#windowShown = shown
    this.#settle()
  }

  /** Stops; nothing more is told (a tile that goes away keeps what was last told). */
  stop(): void {
    clearTimeout(this.#timer)
  }

  #settle(): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.#tell(), this.#settleMs)
  }

  #tell(): void {
    // Not measured yet: say nothing rather than "not shown".
    if (this.#size === undefined) return
    const size = this.#inView && this.#windowShown ? this.#size : null
    const key = viewKey(size)
    if (key === this.#told) return
    this.#told = key
    this.#report(size)
  }
}

/** Reports the element's shown size (see ShownSize) while it is in the page. */
export function shownSize(report: ViewReport): Attachment<HTMLElement> {
  return (element) => {
    // jsdom has neither observer: nothing to measure there.
    if (typeof ResizeObserver === 'undefined' || typeof IntersectionObserver === 'undefined') return
    const shown = new ShownSize(report)
    const resize = new ResizeObserver(([entry]) => {
      if (!entry) return
      const box = entry.devicePixelContentBoxSize?.[0]
      if (box) shown.resized(box.inlineSize, box.blockSize)
      else {
        const ratio = globalThis.devicePixelRatio || 1
        shown.resized(entry.contentRect.width * ratio, entry.contentRect.height * ratio)
      }
    })
    const intersection = new IntersectionObserver(([entry]) => {
      if (entry) shown.inView(entry.isIntersecting)
    })
    const visibility = () => shown.windowShown(document.visibilityState !== 'hidden')
    try {
      resize.observe(element, { box: 'device-pixel-content-box' })
    } catch {
      resize.observe(element) // (a browser without that box)
    }
    intersection.observe(element)
    document.addEventListener('visibilitychange', visibility)
    visibility()
    return () => {
      shown.stop()
      resize.disconnect()
      intersection.disconnect()
      document.removeEventListener('visibilitychange', visibility)
    }
  }
}
