import { describe, expect, it } from 'vitest'
import { composerAction } from './composer.js'
import { isAtBottom, onLinesAdded } from './autoscroll.js'

describe('chat autoscroll', () => {
  it('counts as at the bottom within a small slack', () => {
    expect(isAtBottom({ scrollTop: 600, scrollHeight: 1000, clientHeight: 400 })).toBe(true)
    expect(isAtBottom({ scrollTop: 590, scrollHeight: 1000, clientHeight: 400 })).toBe(true)
    expect(isAtBottom({ scrollTop: 500, scrollHeight: 1000, clientHeight: 400 })).toBe(false)
    // Content shorter than the box is always at the bottom.
    expect(isAtBottom({ scrollTop: 0, scrollHeight: 300, clientHeight: 400 })).toBe(true)
  })

  it('follows new lines when the reader was at the bottom', () => {
    expect(onLinesAdded({ count: 1, own: false, wasAtBottom: true })).toBe('follow')
  })

  it('leaves a reader of older lines alone and tells them instead', () => {
    expect(onLinesAdded({ count: 2, own: false, wasAtBottom: false })).toBe('notify')
  })

  it('always shows the reader their own new message', () => {
    expect(onLinesAdded({ count: 1, own: true, wasAtBottom: false })).toBe('follow')
  })

  it('does nothing when no line was added (a status change, a reset)', () => {
    expect(onLinesAdded({ count: 0, own: false, wasAtBottom: false })).toBe('stay')
    expect(onLinesAdded({ count: -3, own: false, wasAtBottom: true })).toBe('stay')
  })
})

describe('chat input keys', () => {
  const enter = { key: 'Enter', shiftKey: false, isComposing: false }

  it('sends on Enter and makes a new line on Shift+Enter', () => {
    expect(composerAction(enter)).toBe('send')
    expect(composerAction({ ...enter, shiftKey: true })).toBe('default')
    expect(composerAction({ ...enter, key: 'a' })).toBe('default')
  })

  it('leaves the Enter that ends an IME composition (Hangul) to the IME', () => {
    expect(composerAction({ ...enter, isComposing: true })).toBe('default')
    expect(composerAction({ ...enter, keyCode: 229 })).toBe('default')
  })
})
