// The main window reopens where the user left it, unless that place is gone (a monitor unplugged,
// resolution changed): then it opens at its default size on the primary display.
import { z } from 'zod'

export const boundsSchema = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean(),
})

export type WindowBounds = z.output<typeof boundsSchema>

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const WINDOW_DEFAULT = { width: 1100, height: 720 }
export const WINDOW_MIN = { width: 480, height: 360 }
/** How much of the title bar must be on a display for the user to grab the window. */
const VISIBLE = { width: 120, height: 40 }

/** The area two rectangles share, 0 when they do not overlap. */
function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  }
}

/**
 * Where to open the window: the saved bounds (at least the minimum size) when enough of their top
 * edge lies on one of `workAreas`, else only the default size (Electron centres it).
 */
export function restoreBounds(
  saved: WindowBounds | null,
  workAreas: readonly Rect[],
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...WINDOW_DEFAULT }, maximized: false }
  const bounds = {
    x: saved.x,
    y: saved.y,
    width: Math.max(saved.width, WINDOW_MIN.width),
    height: Math.max(saved.height, WINDOW_MIN.height),
  }
  const titleBar = { ...bounds, height: VISIBLE.height }
  const reachable = workAreas.some((area) => {
    const shared = overlap(titleBar, area)
    return shared.width >= VISIBLE.width && shared.height >= VISIBLE.height
  })
  return reachable
    ? { bounds, maximized: saved.maximized }
    : { bounds: { ...WINDOW_DEFAULT }, maximized: saved.maximized }
}

/** The part of BrowserWindow the tracker reads. */
export interface TrackedWindow {
  getNormalBounds(): Rect
  isMaximized(): boolean
  isDestroyed(): boolean
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
}

/**
 * Saves the window's bounds when the user stops moving or resizing it (debounced, as those events
 * fire continuously while dragging) and once more when it closes. Normal bounds are saved even
 * when maximized, so un-maximizing next time restores the old size.
 */
export function trackWindowBounds(
  win: TrackedWindow,
  save: (bounds: WindowBounds) => void,
  debounceMs = 500,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const saveNow = (): void => {
    clearTimeout(timer)
    if (win.isDestroyed()) return
    const { x, y, width, height } = win.getNormalBounds()
    save({
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
      maximized: win.isMaximized(),
    })
  }
  const later = (): void => {
    clearTimeout(timer)
    timer = setTimeout(saveNow, debounceMs)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later)
  win.on('close', saveNow)
}
