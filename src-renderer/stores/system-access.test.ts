import { describe, expect, it, vi } from 'vitest'
import type { MediaAccessStatus } from '../../contract/index.js'
import { SystemAccess } from './system-access.svelte.js'

function access(status: MediaAccessStatus | Error) {
  return {
    getMediaAccess: vi.fn(() =>
      status instanceof Error ? Promise.reject(status) : Promise.resolve(status),
    ),
    requestMediaAccess: vi.fn(() => Promise.resolve(true)),
    openMediaAccessSettings: vi.fn(() => Promise.resolve()),
  }
}

function perKind(statuses: Record<'camera' | 'microphone', MediaAccessStatus>) {
  return {
    getMediaAccess: vi.fn((kind: 'camera' | 'microphone' | 'screen') =>
      Promise.resolve(kind === 'screen' ? 'granted' : statuses[kind]),
    ),
    requestMediaAccess: vi.fn(() => Promise.resolve(true)),
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

describe('SystemAccess.askFirst', () => {
  it('asks the system only about devices it has never asked about', async () => {
    const system = perKind({ camera: 'not-determined', microphone: 'granted' })
    await new SystemAccess(system).askFirst({ camera: true, microphone: true })
    expect(system.requestMediaAccess).toHaveBeenCalledExactlyOnceWith('camera')
  })

  it('does not ask again after a refusal (the device check explains that one)', async () => {
    const system = perKind({ camera: 'denied', microphone: 'restricted' })
    await new SystemAccess(system).askFirst({ camera: true, microphone: true })
    expect(system.requestMediaAccess).not.toHaveBeenCalled()
  })

  it('does not ask about a device the user joins without', async () => {
    const system = perKind({ camera: 'not-determined', microphone: 'not-determined' })
    await new SystemAccess(system).askFirst({ camera: false, microphone: true })
    expect(system.requestMediaAccess.mock.calls).toEqual([['microphone']])
  })

  it('carries on when asking fails', async () => {
    const system = perKind({ camera: 'not-determined', microphone: 'not-determined' })
    system.requestMediaAccess.mockRejectedValue(new Error('no prompt'))
    await new SystemAccess(system).askFirst({ camera: true, microphone: true })
    expect(system.requestMediaAccess).toHaveBeenCalledTimes(2)
  })
})
