import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ViewSize } from '../../protocol/index.js'
import { ShownSize, VIEW_SETTLE_MS } from './view-size.js'

describe('ShownSize', () => {
  let told: Array<ViewSize | null>
  let shown: ShownSize
  beforeEach(() => {
    vi.useFakeTimers()
    told = []
    shown = new ShownSize((size) => told.push(size))
  })
  afterEach(() => vi.useRealTimers())

  it('tells a size once it has held still, rounded to whole device pixels', () => {
    shown.resized(100, 50)
    vi.advanceTimersByTime(VIEW_SETTLE_MS / 2)
    shown.resized(627.6, 563.2)
    vi.advanceTimersByTime(VIEW_SETTLE_MS - 1)
    expect(told).toEqual([])
    vi.advanceTimersByTime(1)
    expect(told).toEqual([{ width: 628, height: 563 }])
  })

  it('tells each change once', () => {
    shown.resized(640, 360)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    shown.resized(640.2, 360)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    shown.resized(320, 180)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    expect(told).toEqual([
      { width: 640, height: 360 },
      { width: 320, height: 180 },
    ])
  })

  it('says not shown while out of view or while the window is hidden, and the size again after', () => {
    shown.resized(640, 360)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    shown.inView(false)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    shown.inView(true)
    shown.windowShown(false)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    shown.windowShown(true)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    expect(told).toEqual([{ width: 640, height: 360 }, null, { width: 640, height: 360 }])
  })

  it('says nothing before the first measurement, and nothing after it stopped', () => {
    shown.windowShown(true)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    expect(told).toEqual([])
    shown.resized(640, 360)
    shown.stop()
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    expect(told).toEqual([])
  })

  it('takes a zero size (laid out to nothing) as not shown', () => {
    shown.resized(640, 360)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    shown.resized(0, 360)
    vi.advanceTimersByTime(VIEW_SETTLE_MS)
    expect(told).toEqual([{ width: 640, height: 360 }, null])
  })
})
