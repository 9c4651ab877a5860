import { describe, expect, it, vi } from 'vitest'
import type { MediaAccessStatus } from '../../src-preload/bridge.js'
import { SystemAccess } from './system-access.svelte.js'

function access(status: MediaAccessStatus | Error) {
  return {
    getMediaAccess: vi.fn(() =>
      status instanceof Error ? Promise.reject(status) : Promise.resolve(status),
    ),
    openMediaAccessSettings: vi.fn(() => Promise.resolve()),
  }
}

describe('SystemAccess', () => {
  it.each([
    ['denied', true],
    ['restricted', true],
    ['granted', false],
    ['not-determined', false],
    ['unknown', false],
  ] as const)('counts %s as blocked: %s', async (status, blocked) => {
    const store = new SystemAccess(access(status))
    await store.check('camera')
    expect(store.blocked('camera')).toBe(blocked)
    expect(store.blocked('microphone')).toBe(false)
  })

  it('knows nothing until asked, and keeps that when asking fails', async () => {
    const store = new SystemAccess(access(new Error('no bridge')))
    expect(store.blocked('screen')).toBe(false)
    await store.check('screen')
    expect(store.blocked('screen')).toBe(false)
  })

  it('opens the settings page of the kind asked for', () => {
    const bridge = access('denied')
    new SystemAccess(bridge).openSettings('microphone')
    expect(bridge.openMediaAccessSettings).toHaveBeenCalledExactlyOnceWith('microphone')
  })
})
