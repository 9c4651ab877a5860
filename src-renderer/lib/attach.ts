/**
 * Svelte attachments for what markup cannot say: a media element's stream and output device, and CSS
 * custom properties. Inline `style` attributes are blocked by our CSP (no 'unsafe-inline'), but
 * setting properties through the CSSOM is allowed, so sizes and levels go through `cssVars`.
 */
import type { Attachment } from 'svelte/attachments'
import { bestGrid } from './grid.js'

/**
 * Plays `stream` in a <video> or <audio>; detaches it again when the element or stream goes.
 * Videos are always muted: sound plays through <audio> elements only, so it never doubles and a
 * muted self view never silences anyone.
 */
export function mediaStream(stream: MediaStream | null): Attachment<HTMLMediaElement> {
  return (element) => {
    if (element instanceof HTMLVideoElement) element.muted = true
    // jsdom has no srcObject (nor MediaStream): leave such elements alone.
    if (!('srcObject' in element)) return
    element.srcObject = stream
    return () => {
      if (element.srcObject === stream) element.srcObject = null
    }
  }
}

interface SinkSelectable {
  setSinkId?: (sinkId: string) => Promise<void>
}

/** Routes an <audio> to the chosen speaker where the browser can (setSinkId); null keeps the default. */
export function audioOutput(sinkId: string | null): Attachment<HTMLMediaElement> {
  return (element) => {
    const target = element as HTMLMediaElement & SinkSelectable
    if (sinkId === null || typeof target.setSinkId !== 'function') return
    // A device that vanished meanwhile keeps the current output; nothing better to do.
    target.setSinkId(sinkId).catch(() => {})
  }
}

/**
 * Moves the focus to the element when it appears: a new screen's heading (with tabindex="-1"), so
 * keyboard and screen-reader users start reading the new screen from its top.
 */
export function focusOnMount(element: HTMLElement): void {
  // In the next frame, before its layout: focusing now would force a layout of the new screen in
  // the middle of the render, which holds up whatever else the page has to do (a call's offer).
  if (typeof requestAnimationFrame === 'undefined') element.focus()
  else requestAnimationFrame(() => element.focus())
}

/** Sets CSS custom properties (`--name`) on the element through the CSSOM. */
export function cssVars(vars: Readonly<Record<string, string | number>>): Attachment<HTMLElement> {
  return (element) => {
    for (const [name, value] of Object.entries(vars)) element.style.setProperty(name, String(value))
  }
}

/**
 * Keeps `--cols` and `--rows` on a grid of `count` tiles set to the shape that makes them largest
 * in the element's current size.
 */
export function tileGrid(count: number): Attachment<HTMLElement> {
  return (element) => {
    const layout = () => {
      const { cols, rows } = bestGrid(count, element.clientWidth, element.clientHeight)
      element.style.setProperty('--cols', String(cols))
      element.style.setProperty('--rows', String(rows))
    }
    // A ResizeObserver reports the first size itself, after the frame's layout and before its
    // paint; reading clientWidth now would force a layout in the middle of the render.
    if (typeof ResizeObserver === 'undefined') return layout()
    const observer = new ResizeObserver(layout)
    observer.observe(element)
    return () => observer.disconnect()
  }
}
