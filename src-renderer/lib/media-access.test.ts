import { describe, expect, it, vi } from 'vitest'
import type { MediaAccessStatus } from '../../src-preload/bridge.js'
import { askForMediaAccess } from './media-access.js'

function bridge(statuses: Record<'camera' | 'microphone', MediaAccessStatus>) {
  return {
    getMediaAccess: vi.fn((kind: 'camera' | 'microphone' | 'screen') =>
      Promise.resolve(kind === 'screen' ? 'granted' : statuses[kind]),
    ),
    requestMediaAccess: vi.fn(() => Promise.resolve(true)),
  }
}

describe('askForMediaAccess', () => {
  it('asks the system only about devices it has never asked about', async () => {
    const system = bridge({ camera: 'not-determined', microphone: 'granted' })
    await askForMediaAccess(system, { camera: true, microphone: true })
    expect(system.requestMediaAccess).toHaveBeenCalledExactlyOnceWith('camera')
  })

  it('does not ask again after a refusal (the device check explains that one)', async () => {
    const system = bridge({ camera: 'denied', microphone: 'restricted' })
    await askForMediaAccess(system, { camera: true, microphone: true })
    expect(system.requestMediaAccess).not.toHaveBeenCalled()
  })

  it('does not ask about a device the user joins without', async () => {
    const system = bridge({ camera: 'not-determined', microphone: 'not-determined' })
    await askForMediaAccess(system, { camera: false, microphone: true })
    expect(system.requestMediaAccess.mock.calls).toEqual([['microphone']])
  })

  it('carries on when asking fails', async () => {
    const system = bridge({ camera: 'not-determined', microphone: 'not-determined' })
    system.requestMediaAccess.mockRejectedValue(new Error('no prompt'))
    await expect(askForMediaAccess(system, { camera: true, microphone: true })).resolves.toBe(
      undefined,
    )
    expect(system.requestMediaAccess).toHaveBeenCalledTimes(2)
  })
})
