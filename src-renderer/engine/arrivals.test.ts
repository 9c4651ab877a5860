import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SignalPayload } from '../../protocol/index.js'
import { Arrivals } from './arrivals.js'

const candidate = (n: number): SignalPayload => ({
  candidate: { candidate: `candidate:${n}`, sdpMid: '0', sdpMLineIndex: 0 },
})

describe('Arrivals', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('hands early signals out once, in order', () => {
    const arrivals = new Arrivals({ graceMs: 1000, onGone: vi.fn() })
    arrivals.keepEarly('bo', candidate(1))
    arrivals.keepEarly('bo', candidate(2))
    expect(arrivals.takeEarly('bo')).toEqual([candidate(1), candidate(2)])
    expect(arrivals.takeEarly('bo')).toEqual([])
  })

  it('bounds what waits: signals per sender and senders', () => {
    const arrivals = new Arrivals({ graceMs: 1000, onGone: vi.fn() })
    for (let i = 0; i < 500; i++) arrivals.keepEarly('bo', candidate(i))
    expect(arrivals.takeEarly('bo')).toHaveLength(200)
    for (let i = 0; i < 100; i++) arrivals.keepEarly(`m${i}`, candidate(i))
    expect(arrivals.takeEarly('m15')).toHaveLength(1)
    expect(arrivals.takeEarly('m16')).toHaveLength(0)
  })

  it('gives a missing member the grace period, then reports them gone', () => {
    const onGone = vi.fn()
    const arrivals = new Arrivals({ graceMs: 1000, onGone })
    arrivals.waitForReturn('bo')
    arrivals.waitForReturn('bo') // waiting again does not restart the clock
    vi.advanceTimersByTime(999)
    expect(onGone).not.toHaveBeenCalled()
    expect(arrivals.waiting('bo')).toBe(true)
    vi.advanceTimersByTime(1)
    expect(onGone).toHaveBeenCalledExactlyOnceWith('bo')
    expect(arrivals.waiting('bo')).toBe(false)
  })

  it('stops waiting for a member who came back, and for everyone on clear', () => {
    const onGone = vi.fn()
    const arrivals = new Arrivals({ graceMs: 1000, onGone })
    arrivals.waitForReturn('bo')
    arrivals.waitForReturn('cy')
    arrivals.stopWaiting('bo')
    arrivals.keepEarly('dee', candidate(1))
    arrivals.clear()
    vi.advanceTimersByTime(5000)
    expect(onGone).not.toHaveBeenCalled()
    expect(arrivals.takeEarly('dee')).toEqual([])
  })
})
