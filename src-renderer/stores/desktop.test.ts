import { describe, expect, it, vi } from 'vitest'
import type { DeepLink, ScreenPickRequest } from '../../contract/index.js'
import { DesktopStore, type DesktopBridge } from './desktop.svelte.js'

function fakeBridge(reload = false, admitted = true) {
  const listeners = {
    pick: [] as ((r: ScreenPickRequest) => void)[],
    link: [] as ((l: DeepLink) => void)[],
  }
  const bridge = {
    onScreenPick: vi.fn((listener: (r: ScreenPickRequest) => void) => {
      listeners.pick.push(listener)
      return () => void listeners.pick.splice(listeners.pick.indexOf(listener), 1)
    }),
    onDeepLink: vi.fn((listener: (l: DeepLink) => void) => {
      listeners.link.push(listener)
      return () => void listeners.link.splice(listeners.link.indexOf(listener), 1)
    }),
    answerScreenPick: vi.fn(() => Promise.resolve()),
    setCallState: vi.fn(() => Promise.resolve()),
    allowServer: vi.fn(() => Promise.resolve({ admitted, reload })),
  } satisfies DesktopBridge
  return { bridge, listeners }
}

const request = (requestId: string): ScreenPickRequest => ({
  requestId,
  sources: [],
  systemAudio: false,
})

describe('DesktopStore', () => {
  it('shows the newest pick request and answers it once', () => {
    const { bridge, listeners } = fakeBridge()
    const store = new DesktopStore(bridge)
    store.listen(() => {})
    listeners.pick.forEach((l) => l(request('a')))
    listeners.pick.forEach((l) => l(request('b')))
    expect(store.pick?.requestId).toBe('b')

    store.answerPick({ sourceId: 'screen:0:0', systemAudio: false })
    store.answerPick(null)
    expect(bridge.answerScreenPick.mock.calls).toEqual([
      ['b', { sourceId: 'screen:0:0', systemAudio: false }],
    ])
    expect(store.pick).toBeNull()
  })

  it('hands links to the listener, and stops listening to both when unsubscribed', () => {
    const { bridge, listeners } = fakeBridge()
    const store = new DesktopStore(bridge)
    const links: DeepLink[] = []
    const stop = store.listen((link) => links.push(link))
    listeners.link.forEach((l) => l({ room: 'demo' }))
    stop()
    expect(links).toEqual([{ room: 'demo' }])
    expect(listeners.pick).toHaveLength(0)
    expect(listeners.link).toHaveLength(0)
  })

  it('reloads the page only when main says a new server needs it', async () => {
    const reload = vi.fn()
    await new DesktopStore(fakeBridge(false).bridge, reload).admitServer('https://a.example')
    expect(reload).not.toHaveBeenCalled()
    await new DesktopStore(fakeBridge(true).bridge, reload).admitServer('https://b.example')
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('says whether the user admitted the server in main’s dialog', async () => {
    expect(
      await new DesktopStore(fakeBridge(false, true).bridge).admitServer('https://a.example'),
    ).toBe(true)
    expect(
      await new DesktopStore(fakeBridge(false, false).bridge).admitServer('https://b.example'),
    ).toBe(false)
    const failing = fakeBridge().bridge
    failing.allowServer.mockRejectedValueOnce(new Error('untrusted sender'))
    expect(await new DesktopStore(failing).admitServer('https://c.example')).toBe(false)
  })

  it('tells main whether a call is on', () => {
    const { bridge } = fakeBridge()
    new DesktopStore(bridge).setInCall(true)
    expect(bridge.setCallState).toHaveBeenCalledExactlyOnceWith({ inCall: true })
  })
})
