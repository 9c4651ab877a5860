import { describe, expect, it, vi } from 'vitest'
import {
  Attention,
  escapeMarkup,
  NOTIFY_INTERVAL_MS,
  plainText,
  type AttentionHost,
} from './attention.js'

function fakeHost(platform: NodeJS.Platform, focused = false) {
  const state = { focused }
  const host = {
    platform,
    notificationsSupported: () => true,
    show: vi.fn<AttentionHost['show']>(),
    isWindowFocused: () => state.focused,
    focusWindow: vi.fn(),
    setBadgeCount: vi.fn<AttentionHost['setBadgeCount']>(),
    flashFrame: vi.fn<AttentionHost['flashFrame']>(),
  } satisfies AttentionHost
  return Object.assign(host, { setFocused: (value: boolean) => (state.focused = value) })
}

describe('Attention.notify', () => {
  it('notifies only while the window is not focused', () => {
    const host = fakeHost('darwin', true)
    const attention = new Attention(host)
    expect(attention.notify({ title: 'Ann', body: 'hi' })).toBe(false)
    host.setFocused(false)
    expect(attention.notify({ title: 'Ann', body: 'hi' })).toBe(true)
    expect(host.show).toHaveBeenCalledExactlyOnceWith(
      { title: 'Ann', body: 'hi' },
      expect.any(Function),
    )
  })

  it('brings the window back when the notification is clicked', () => {
    const host = fakeHost('win32')
    new Attention(host).notify({ title: 'Ann', body: 'hi' })
    host.show.mock.calls[0]?.[1]()
    expect(host.focusWindow).toHaveBeenCalledTimes(1)
  })

  it('shows at most one notification per interval in a busy chat', () => {
    let now = 0
    const host = fakeHost('darwin')
    const attention = new Attention(host, () => now)
    expect(attention.notify({ title: 'a', body: '1' })).toBe(true)
    now += NOTIFY_INTERVAL_MS - 1
    expect(attention.notify({ title: 'a', body: '2' })).toBe(false)
    now += 1
    expect(attention.notify({ title: 'a', body: '3' })).toBe(true)
    expect(host.show).toHaveBeenCalledTimes(2)
  })

  it('does nothing where the system has no notifications', () => {
    const host = { ...fakeHost('linux'), notificationsSupported: () => false }
    expect(new Attention(host).notify({ title: 'a', body: 'b' })).toBe(false)
    expect(host.show).not.toHaveBeenCalled()
  })

  it('escapes markup on Linux, where notification servers render a subset of HTML', () => {
    const host = fakeHost('linux')
    new Attention(host).notify({ title: '<b>Eve</b>', body: '<a href="x">click</a> & <img src=x>' })
    expect(host.show.mock.calls[0]?.[0]).toEqual({
      title: '&lt;b&gt;Eve&lt;/b&gt;',
      body: '&lt;a href="x"&gt;click&lt;/a&gt; &amp; &lt;img src=x&gt;',
    })
  })

  it('leaves text as typed on systems that show it as plain text', () => {
    const host = fakeHost('darwin')
    new Attention(host).notify({ title: 'Tom & Jerry', body: 'a < b' })
    expect(host.show.mock.calls[0]?.[0]).toEqual({ title: 'Tom & Jerry', body: 'a < b' })
  })
})

describe('plainText', () => {
  it.each([
    [
      'control and format characters and newlines become spaces',
      'a\u0000b\nc\u202ed',
      100,
      'a b c d',
    ],
    ['runs of whitespace collapse', '  a \t  b  ', 100, 'a b'],
    ['long text is cut with an ellipsis', 'x'.repeat(10), 5, 'xxxx…'],
    ['no space is left before the ellipsis', 'ab cd ef', 4, 'ab…'],
  ])('%s', (_what, input, max, expected) => {
    expect(plainText(input, max)).toBe(expected)
  })
})

describe('escapeMarkup', () => {
  it('escapes &, < and >', () => {
    expect(escapeMarkup('<&>')).toBe('&lt;&amp;&gt;')
  })
})

describe('Attention.setBadgeCount', () => {
  it.each([
    [3, 3],
    [0, 0],
    [250, 99],
    [-4, 0],
    [2.7, 2],
  ])('shows %s unread as %s on the dock or launcher', (count, shown) => {
    const host = fakeHost('darwin')
    new Attention(host).setBadgeCount(count)
    expect(host.setBadgeCount).toHaveBeenCalledExactlyOnceWith(shown)
  })

  it('flashes the taskbar button on Windows while unread and unfocused, and stops at 0', () => {
    const host = fakeHost('win32')
    const attention = new Attention(host)
    attention.setBadgeCount(2)
    attention.setBadgeCount(0)
    expect(host.flashFrame.mock.calls).toEqual([[true], [false]])
    expect(host.setBadgeCount).not.toHaveBeenCalled()
  })
})
