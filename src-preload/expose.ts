import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron'
// From the contract's own files rather than its index: the sandboxed preload bundle then holds
// the channel names only, not the schemas (and zod) that main parses with.
import type { NoomBridge, Unsubscribe } from '../contract/bridge.js'
import { CHANNELS, EVENTS, type Channel, type EventChannel } from '../contract/channels.js'

/** The slice of `ipcRenderer` the bridge uses, so tests can pass a fake. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>

/** The name of the bridge on `window`. The renderer reads it in exactly one module. */
export const BRIDGE_KEY = 'noom'

/**
 * Builds the bridge: one named method per capability, never `ipcRenderer` itself or a generic
 * `send(channel, ...)`, so a compromised page can reach only what is listed here. Main validates
 * every argument again; the preload only shapes the calls.
 */
export function createBridge(ipc: BridgeIpc): NoomBridge {
  /** `invoke` typed by the bridge method it implements. */
  const call =
    <K extends keyof NoomBridge>(channel: Channel) =>
    (...args: Parameters<NoomBridge[K]>) =>
      ipc.invoke(channel, ...args) as ReturnType<NoomBridge[K]>

  /**
   * Subscribes `listener` to a main → renderer event. The listener gets the payload only: the
   * IpcRendererEvent carries `sender` (the ipcRenderer), which must never reach the page.
   */
  const subscribe = <T>(channel: EventChannel, listener: (payload: T) => void): Unsubscribe => {
    const wrapped = (_event: IpcRendererEvent, payload: T): void => listener(payload)
    ipc.on(channel, wrapped)
    return () => void ipc.removeListener(channel, wrapped)
  }

  return {
    getInfo: call<'getInfo'>(CHANNELS.getInfo),
    getSettings: call<'getSettings'>(CHANNELS.getSettings),
    setSettings: call<'setSettings'>(CHANNELS.setSettings),
    allowServer: call<'allowServer'>(CHANNELS.allowServer),
    onScreenPick: (listener) => subscribe(EVENTS.screenPick, listener),
    answerScreenPick: call<'answerScreenPick'>(CHANNELS.answerScreenPick),
    getMediaAccess: call<'getMediaAccess'>(CHANNELS.getMediaAccess),
    requestMediaAccess: call<'requestMediaAccess'>(CHANNELS.requestMediaAccess),
    openMediaAccessSettings: call<'openMediaAccessSettings'>(CHANNELS.openMediaAccessSettings),
    notify: call<'notify'>(CHANNELS.notify),
    setBadgeCount: call<'setBadgeCount'>(CHANNELS.setBadgeCount),
    setCallState: call<'setCallState'>(CHANNELS.setCallState),
    onDeepLink: (listener) => {
      const unsubscribe = subscribe(EVENTS.deepLink, listener)
      // Main holds links that came before anyone listened (a cold start by a link); this tells
      // it someone does now, and it sends what it held.
      void ipc.invoke(CHANNELS.deepLinkReady)
      return unsubscribe
    },
    startHost: call<'startHost'>(CHANNELS.startHost),
    stopHost: call<'stopHost'>(CHANNELS.stopHost),
    getHostStatus: call<'getHostStatus'>(CHANNELS.getHostStatus),
    onHostStatus: (listener) => subscribe(EVENTS.hostStatus, listener),
  }
}

/** Exposes the bridge to the page's main world as `window.noom`. */
export function exposeBridge(
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>,
  ipc: BridgeIpc,
): NoomBridge {
  const bridge = createBridge(ipc)
  contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge)
  return bridge
}
