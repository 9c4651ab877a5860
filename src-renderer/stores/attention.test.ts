import { describe, expect, it, vi } from 'vitest'
import type { ChatMessage } from '../../protocol/index.js'
import { ChatAttention, type FocusSource } from './attention.js'

function setup(focused: boolean) {
  const bridge = {
    notify: vi.fn(() => Promise.resolve()),
    setBadgeCount: vi.fn((_count: number) => Promise.resolve()),
  }
  let focusListener = () => {}
  const state = { focused }
  const focus: FocusSource = {
    hasFocus: () => state.focused,
    onFocus: (listener) => {
      focusListener = listener
      return () => (focusListener = () => {})
    },
  }
  const attention = new ChatAttention(bridge, focus)
  const comeBack = () => {
    state.focused = true
    focusListener()
  }
  const badges = () => bridge.setBadgeCount.mock.calls.map(([count]) => count)
  return { bridge, attention, comeBack, badges }
}

const message = (text: string): ChatMessage => ({
  id: text,
  from: 'b',
  nickname: 'Bo',
  text,
  ts: 1,
})

describe('ChatAttention', () => {
  it('notifies and counts messages that arrive while the window is not focused', () => {
    const { bridge, attention, badges } = setup(false)
    attention.message(message('hi'))
    attention.message(message('there'))
    expect(bridge.notify).toHaveBeenCalledWith({ title: 'Bo', body: 'hi' })
    expect(bridge.notify).toHaveBeenCalledTimes(2)
    expect(badges()).toEqual([1, 2])
  })

  it('clears the away count when the user comes back', () => {
    const { attention, comeBack, badges } = setup(false)
    attention.message(message('hi'))
    comeBack()
    expect(badges()).toEqual([1, 0])
  })

  it('neither notifies nor counts while the user is looking', () => {
    const { bridge, attention } = setup(true)
    attention.message(message('hi'))
    expect(bridge.notify).not.toHaveBeenCalled()
    expect(bridge.setBadgeCount).not.toHaveBeenCalled()
  })

  it("shows the chat panel's unread count while focused, and clears it all when the call ends", () => {
    const { attention, badges } = setup(true)
    attention.setUnread(3)
    attention.setUnread(3)
    attention.reset()
    expect(badges()).toEqual([3, 0])
  })
})
