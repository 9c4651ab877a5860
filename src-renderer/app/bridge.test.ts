import { describe, expect, it } from 'vitest'
import type { NoomBridge } from '../../contract/index.js'
import { createWebBridge, isDesktop, resolveBridge } from './bridge.js'

describe('bridge', () => {
  it('uses the preload bridge when the desktop app provides one', () => {
    const desktop = {
      ...createWebBridge(),
      getInfo: () => Promise.resolve({ version: '1', platform: 'linux' }),
    }
    const win = Object.assign(Object.create(window) as Window, { noom: desktop })
    expect(resolveBridge(win)).toBe(desktop)
    expect(isDesktop(win)).toBe(true)
  })

  it('falls back to the web bridge in a plain browser', async () => {
    expect(window).not.toHaveProperty('noom')
    expect(isDesktop(window)).toBe(false)
    await expect(resolveBridge(window).getInfo()).resolves.toMatchObject({ platform: 'web' })
  })
})

describe('createWebBridge', () => {
  const web: NoomBridge = createWebBridge()

  it('reports platform web and a version', async () => {
    const info = await web.getInfo()
    expect(info.platform).toBe('web')
    expect(typeof info.version).toBe('string')
  })

  it('has no saved settings, so the page keeps its own', async () => {
    await expect(web.getSettings()).resolves.toBeNull()
  })

  it('never asks the page to reload for a server (the serving server set the CSP)', async () => {
    await expect(web.allowServer('https://noom.example.org')).resolves.toEqual({
      admitted: true,
      reload: false,
    })
  })

  it('has no built-in server', async () => {
    await expect(web.getHostStatus()).resolves.toMatchObject({ state: 'stopped', localUrl: null })
    await expect(web.startHost({ port: 0, lan: false })).resolves.toMatchObject({
      state: 'stopped',
    })
  })

  it('subscriptions return an unsubscribe function', () => {
    for (const unsubscribe of [
      web.onDeepLink(() => {}),
      web.onScreenPick(() => {}),
      web.onHostStatus(() => {}),
    ]) {
      expect(typeof unsubscribe).toBe('function')
      unsubscribe()
    }
  })
})
