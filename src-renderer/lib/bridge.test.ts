import { describe, expect, it } from 'vitest'
import type { NoomBridge } from '../../src-preload/bridge.js'
import { createWebBridge, resolveBridge } from './bridge.js'

describe('bridge', () => {
  it('uses the preload bridge when the desktop app provides one', () => {
    const desktop: NoomBridge = {
      getInfo: () => Promise.resolve({ version: '1.0.0', platform: 'linux' }),
    }
    const win = Object.assign(Object.create(window) as Window, { noom: desktop })
    expect(resolveBridge(win)).toBe(desktop)
  })

  it('falls back to the web bridge in a plain browser', async () => {
    expect(window).not.toHaveProperty('noom')
    await expect(resolveBridge(window).getInfo()).resolves.toMatchObject({ platform: 'web' })
  })

  it('web getInfo reports platform web and a version', async () => {
    const info = await createWebBridge().getInfo()
    expect(info.platform).toBe('web')
    expect(typeof info.version).toBe('string')
  })
})
