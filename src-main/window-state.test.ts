import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  restoreBounds,
  trackWindowBounds,
  WINDOW_DEFAULT,
  type Rect,
  type TrackedWindow,
  type WindowBounds,
} from './window-state.js'

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 }
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1415 }
const saved = (patch: Partial<WindowBounds>): WindowBounds => ({
  x: 100,
  y: 80,
  width: 900,
  height: 600,
  maximized: false,
  ...patch,
})

describe('restoreBounds', () => {
  it('opens at the default size the first time', () => {
    expect(restoreBounds(null, [laptop])).toEqual({ bounds: WINDOW_DEFAULT, maximized: false })
  })

  it('reopens where the window was', () => {
    expect(restoreBounds(saved({}), [laptop]).bounds).toEqual({
      x: 100,
      y: 80,
      width: 900,
      height: 600,
    })
  })

  it('keeps a place on a second display while that display is there', () => {
    const onExternal = saved({ x: 2000, y: 200 })
    expect(restoreBounds(onExternal, [laptop, external]).bounds).toMatchObject({ x: 2000 })
    expect(restoreBounds(onExternal, [laptop]).bounds).toEqual(WINDOW_DEFAULT)
  })

  it.each([
    ['above every display', saved({ y: -500 })],
    ['with only a sliver of title bar showing', saved({ x: 1400 })],
    ['far off to the left', saved({ x: -5000 })],
  ])('falls back to the default size when the window would be %s', (_what, bounds) => {
    expect(restoreBounds(bounds, [laptop]).bounds).toEqual(WINDOW_DEFAULT)
  })

  it('never restores below the minimum size, and remembers maximized', () => {
    const restored = restoreBounds(saved({ width: 10, height: 10, maximized: true }), [laptop])
    expect(restored.bounds).toMatchObject({ width: 480, height: 360 })
    expect(restored.maximized).toBe(true)
  })
})

describe('trackWindowBounds', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function fakeWindow() {
    const events = new EventEmitter()
    let bounds: Rect = { x: 10.4, y: 20, width: 800, height: 600 }
    const win: TrackedWindow = {
      getNormalBounds: () => bounds,
      isMaximized: () => false,
      isDestroyed: () => false,
      on: (event, listener) => events.on(event, listener),
    }
    return { win, events, move: (to: Rect) => (bounds = to) }
  }

  it('saves once the user stops dragging, not on every move', () => {
    const { win, events, move } = fakeWindow()
    const save = vi.fn()
    trackWindowBounds(win, save, 500)
    for (let x = 0; x < 10; x++) {
      move({ x, y: 0, width: 800, height: 600 })
      events.emit('move')
      vi.advanceTimersByTime(100)
    }
    expect(save).not.toHaveBeenCalled()
    vi.advanceTimersByTime(500)
    expect(save).toHaveBeenCalledExactlyOnceWith({
      x: 9,
      y: 0,
      width: 800,
      height: 600,
      maximized: false,
    })
  })

  it('saves at once when the window closes', () => {
    const { win, events } = fakeWindow()
    const save = vi.fn()
    trackWindowBounds(win, save)
    events.emit('resize')
    events.emit('close')
    expect(save).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ x: 10 }))
    vi.advanceTimersByTime(1000)
    expect(save).toHaveBeenCalledTimes(1)
  })
})
