import type { ContextBridge, IpcRenderer } from 'electron'
import type { NoomBridge } from './bridge.js'
import { CHANNELS } from './channels.js'

/** The slice of `ipcRenderer` the bridge uses, so tests can pass a fake. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke'>

/** The name of the bridge on `window`. The renderer reads it in exactly one module. */
export const BRIDGE_KEY = 'noom'

/**
 * Builds the bridge: one named method per capability, never `ipcRenderer` itself or a generic
 * `send(channel, ...)`, so a compromised page can reach only what is listed here.
 */
export function createBridge(ipc: BridgeIpc): NoomBridge {
  return {
    getInfo: () => ipc.invoke(CHANNELS.getInfo) as ReturnType<NoomBridge['getInfo']>,
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
