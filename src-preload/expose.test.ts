import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from './channels.js'
import { BRIDGE_KEY, exposeBridge, type BridgeIpc } from './expose.js'

function fakes() {
  const exposed = new Map<string, unknown>()
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api),
  }
  const invoke = vi.fn<BridgeIpc['invoke']>()
  return { exposed, contextBridge, ipc: { invoke } satisfies BridgeIpc, invoke }
}

describe('exposeBridge', () => {
  it('exposes exactly the NoomBridge methods as window.noom', () => {
    const { exposed, contextBridge, ipc } = fakes()
    exposeBridge(contextBridge, ipc)

    expect([...exposed.keys()]).toEqual([BRIDGE_KEY])
    const api = exposed.get(BRIDGE_KEY) as Record<string, unknown>
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "getInfo",
      ]
    `)
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it('getInfo invokes the get-info channel with no arguments and returns its answer', async () => {
    const { contextBridge, ipc, invoke } = fakes()
    invoke.mockResolvedValue({ version: '1.2.3', platform: 'linux' })
    const bridge = exposeBridge(contextBridge, ipc)

    await expect(bridge.getInfo()).resolves.toEqual({ version: '1.2.3', platform: 'linux' })
    expect(invoke).toHaveBeenCalledExactlyOnceWith(CHANNELS.getInfo)
  })
})
