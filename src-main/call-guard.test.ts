import { describe, expect, it, vi } from 'vitest'
import { CallGuard, type CloseAnswer, type PowerSaveBlockerLike } from './call-guard.js'

function fakeBlocker() {
  const active = new Set<number>()
  let next = 1
  const blocker = {
    start: vi.fn((_type: 'prevent-display-sleep') => {
      active.add(next)
      return next++
    }),
    stop: vi.fn((id: number) => void active.delete(id)),
  } satisfies PowerSaveBlockerLike
  return { blocker, active }
}

/** A question the test answers when it wants to. */
function deferredAsk() {
  let answer: (value: CloseAnswer) => void = () => {}
  const ask = vi.fn(() => new Promise<CloseAnswer>((resolve) => (answer = resolve)))
  return { ask, answer: (value: CloseAnswer) => answer(value) }
}

describe('CallGuard: the display stays awake during a call', () => {
  it('blocks display sleep from the start of a call to its end, once', () => {
    const { blocker, active } = fakeBlocker()
    const guard = new CallGuard(blocker)
    guard.setInCall(true)
    guard.setInCall(true)
    expect(blocker.start).toHaveBeenCalledExactlyOnceWith('prevent-display-sleep')
    expect(active.size).toBe(1)
    guard.setInCall(false)
    guard.setInCall(false)
    expect(active.size).toBe(0)
    expect(blocker.stop).toHaveBeenCalledTimes(1)
  })
})

describe('CallGuard: closing the window during a call asks first', () => {
  it('lets the window close at once when no call is on', () => {
    const guard = new CallGuard(fakeBlocker().blocker)
    const { ask } = deferredAsk()
    expect(guard.interceptClose(ask, vi.fn())).toBe(false)
    expect(ask).not.toHaveBeenCalled()
  })

  it('holds the close, asks once, and closes when the user leaves the call', async () => {
    const guard = new CallGuard(fakeBlocker().blocker)
    guard.setInCall(true)
    const { ask, answer } = deferredAsk()
    const close = vi.fn()

    expect(guard.interceptClose(ask, close)).toBe(true)
    expect(guard.interceptClose(ask, close)).toBe(true)
    expect(ask).toHaveBeenCalledTimes(1)
    answer('leave')
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1))
    // The close that `close` starts goes through.
    expect(guard.interceptClose(ask, close)).toBe(false)
  })

  it('keeps the window (and the call) when the user stays, and asks again next time', async () => {
    const guard = new CallGuard(fakeBlocker().blocker)
    guard.setInCall(true)
    const { ask, answer } = deferredAsk()
    const close = vi.fn()
    guard.interceptClose(ask, close)
    answer('stay')
    await Promise.resolve()
    await Promise.resolve()
    expect(close).not.toHaveBeenCalled()
    expect(guard.interceptClose(ask, close)).toBe(true)
    expect(ask).toHaveBeenCalledTimes(2)
  })

  it('stays when the question itself fails', async () => {
    const guard = new CallGuard(fakeBlocker().blocker)
    guard.setInCall(true)
    const close = vi.fn()
    guard.interceptClose(() => Promise.reject(new Error('no dialog')), close)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(close).not.toHaveBeenCalled()
  })
})
