import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { CHANNELS } from '../contract/index.js'
import { createHandle, isTrustedSender, type InvokeEvent, type IpcRegistrar } from './ipc.js'

const APP = 'file:///opt/Noom/out/renderer/index.html'
const fromApp: InvokeEvent = { senderFrame: { url: `${APP}#/lobby` } }

/** A fake ipcMain that keeps the registered listeners so a test can invoke them. */
function fakeIpcMain() {
  const listeners = new Map<string, Parameters<IpcRegistrar['handle']>[1]>()
  const ipcMain: IpcRegistrar = {
    handle: (channel, listener) => void listeners.set(channel, listener),
  }
  const invoke = async (channel: string, event: InvokeEvent, ...args: unknown[]) => {
    const listener = listeners.get(channel)
    if (!listener) throw new Error(`no handler for ${channel}`)
    // Like Electron's invoke: a handler that throws becomes a rejected promise.
    return await listener(event, ...args)
  }
  return { ipcMain, listeners, invoke }
}

describe('isTrustedSender', () => {
  it('trusts a frame showing the app', () => {
    expect(isTrustedSender(fromApp, APP)).toBe(true)
  })

  it('distrusts another page and a frame that is gone', () => {
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/' } }, APP)).toBe(false)
    expect(isTrustedSender({ senderFrame: null }, APP)).toBe(false)
  })
})

describe('createHandle', () => {
  it('registers the channel and passes parsed arguments to the handler', async () => {
    const { ipcMain, listeners, invoke } = fakeIpcMain()
    const fn = vi.fn((args: [number]) => args[0] * 2)
    createHandle(ipcMain, APP)(CHANNELS.getInfo, z.tuple([z.number()]), fn)

    expect([...listeners.keys()]).toEqual([CHANNELS.getInfo])
    await expect(invoke(CHANNELS.getInfo, fromApp, 21)).resolves.toBe(42)
    expect(fn).toHaveBeenCalledExactlyOnceWith([21], fromApp)
  })

  it('throws for an untrusted sender without running the handler', async () => {
    const { ipcMain, invoke } = fakeIpcMain()
    const fn = vi.fn()
    createHandle(ipcMain, APP)(CHANNELS.getInfo, z.tuple([]), fn)

    const evil: InvokeEvent = { senderFrame: { url: 'https://evil.example/' } }
    await expect(invoke(CHANNELS.getInfo, evil)).rejects.toThrow(/untrusted sender/)
    expect(fn).not.toHaveBeenCalled()
  })

  it('throws for arguments that fail the schema without running the handler', async () => {
    const { ipcMain, invoke } = fakeIpcMain()
    const fn = vi.fn()
    createHandle(ipcMain, APP)(CHANNELS.getInfo, z.tuple([]), fn)

    await expect(invoke(CHANNELS.getInfo, fromApp, 'extra')).rejects.toThrow(/invalid arguments/)
    expect(fn).not.toHaveBeenCalled()
  })
})
