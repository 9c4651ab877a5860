import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, DEFAULT_USER_SETTINGS, EVENTS, type NoomBridge } from '../contract/index.js'
import { BRIDGE_KEY, exposeBridge, type BridgeIpc } from './expose.js'

/** A fake ipcRenderer: `invoke` records calls, `on`/`removeListener` are a real EventEmitter. */
function fakes() {
  const exposed = new Map<string, unknown>()
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api),
  }
  const emitter = new EventEmitter()
  const invoke = vi.fn<BridgeIpc['invoke']>().mockResolvedValue(undefined)
  const ipc: BridgeIpc = {
    invoke,
    on: (channel, listener) => {
      emitter.on(channel, listener)
      return ipc as Electron.IpcRenderer
    },
    removeListener: (channel, listener) => {
      emitter.removeListener(channel, listener)
      return ipc as Electron.IpcRenderer
    },
  }
  /** Sends like main does: an IPC event (whose `sender` is the ipcRenderer) and a payload. */
  const send = (channel: string, payload: unknown) =>
    emitter.emit(channel, { sender: ipc }, payload)
  const bridge = exposeBridge(contextBridge, ipc)
  return { exposed, bridge, invoke, send, emitter }
}

describe('exposeBridge', () => {
  it('exposes exactly the NoomBridge methods as window.noom, all functions', () => {
    const { exposed } = fakes()
    expect([...exposed.keys()]).toEqual([BRIDGE_KEY])
    const api = exposed.get(BRIDGE_KEY) as Record<string, unknown>
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "allowServer",
        "answerScreenPick",
        "getHostStatus",
        "getInfo",
        "getMediaAccess",
        "getSettings",
        "notify",
        "onDeepLink",
        "onHostStatus",
        "onScreenPick",
        "openMediaAccessSettings",
        "requestMediaAccess",
        "setBadgeCount",
        "setCallState",
        "setSettings",
        "startHost",
        "stopHost",
      ]
    `)
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  /** Each request method: its arguments, the channel it must use. */
  const requests: [keyof NoomBridge, unknown[], string][] = [
    ['getInfo', [], CHANNELS.getInfo],
    ['getSettings', [], CHANNELS.getSettings],
    ['setSettings', [DEFAULT_USER_SETTINGS], CHANNELS.setSettings],
    ['allowServer', ['https://noom.example'], CHANNELS.allowServer],
    [
      'answerScreenPick',
      ['r1', { sourceId: 'screen:0:0', systemAudio: false }],
      CHANNELS.answerScreenPick,
    ],
    ['answerScreenPick', ['r1', null], CHANNELS.answerScreenPick],
    ['getMediaAccess', ['camera'], CHANNELS.getMediaAccess],
    ['requestMediaAccess', ['microphone'], CHANNELS.requestMediaAccess],
    ['openMediaAccessSettings', ['screen'], CHANNELS.openMediaAccessSettings],
    ['notify', [{ title: 'Ann', body: 'hi' }], CHANNELS.notify],
    ['setBadgeCount', [3], CHANNELS.setBadgeCount],
    ['setCallState', [{ inCall: true }], CHANNELS.setCallState],
    ['startHost', [{ port: 0, lan: false }], CHANNELS.startHost],
    ['stopHost', [], CHANNELS.stopHost],
    ['getHostStatus', [], CHANNELS.getHostStatus],
  ]

  it.each(requests)(
    '%s invokes its own channel with the arguments as given',
    async (name, args, channel) => {
      const { bridge, invoke } = fakes()
      invoke.mockResolvedValue('answer')
      const method = bridge[name].bind(bridge) as (...a: unknown[]) => Promise<unknown>

      await expect(method(...args)).resolves.toBe('answer')
      expect(invoke).toHaveBeenCalledExactlyOnceWith(channel, ...args)
    },
  )

  const subscriptions: [keyof NoomBridge, string][] = [
    ['onScreenPick', EVENTS.screenPick],
    ['onDeepLink', EVENTS.deepLink],
    ['onHostStatus', EVENTS.hostStatus],
  ]

  it.each(subscriptions)(
    '%s hands the listener the payload only, until unsubscribed',
    (name, channel) => {
      const { bridge, send, emitter } = fakes()
      const listener = vi.fn()
      const subscribe = bridge[name].bind(bridge) as (l: (payload: unknown) => void) => () => void

      const unsubscribe = subscribe(listener)
      send(channel, { some: 'payload' })
      expect(listener).toHaveBeenCalledExactlyOnceWith({ some: 'payload' })

      unsubscribe()
      send(channel, { more: 1 })
      expect(listener).toHaveBeenCalledTimes(1)
      expect(emitter.listenerCount(channel)).toBe(0)
    },
  )

  it('onDeepLink tells main a listener is ready, so links held since a cold start arrive', () => {
    const { bridge, invoke } = fakes()
    bridge.onDeepLink(() => {})
    expect(invoke).toHaveBeenCalledExactlyOnceWith(CHANNELS.deepLinkReady)
  })

  it('uses no channel outside CHANNELS and EVENTS', async () => {
    const { bridge, invoke, emitter } = fakes()
    for (const [name, args] of requests) {
      await (bridge[name] as (...a: unknown[]) => Promise<unknown>)(...args)
    }
    for (const [name] of subscriptions) (bridge[name] as (l: () => void) => unknown)(() => {})
    const known = new Set<string>([...Object.values(CHANNELS), ...Object.values(EVENTS)])
    for (const [channel] of invoke.mock.calls) expect(known).toContain(channel)
    for (const channel of emitter.eventNames()) expect(known).toContain(channel)
  })
})
