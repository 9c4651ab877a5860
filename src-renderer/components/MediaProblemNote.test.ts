import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { MediaAccessStatus } from '../../contract/index.js'
import { SystemAccess } from '../stores/system-access.svelte.js'
import MediaProblemNote from './MediaProblemNote.svelte'

function access(status: MediaAccessStatus) {
  return {
    getMediaAccess: vi.fn(() => Promise.resolve(status)),
    requestMediaAccess: vi.fn(() => Promise.resolve(true)),
    openMediaAccessSettings: vi.fn(() => Promise.resolve()),
  }
}

describe('MediaProblemNote', () => {
  it('points to the system settings when the operating system blocks the camera', async () => {
    const system = access('denied')
    render(MediaProblemNote, {
      device: 'camera',
      problem: 'permission-denied',
      onretry: vi.fn(),
      access: new SystemAccess(system),
    })
    expect(await screen.findByText(/privacy settings don't let Noom use the camera/)).toBeVisible()
    await fireEvent.click(screen.getByRole('button', { name: 'Open system settings' }))
    expect(system.openMediaAccessSettings).toHaveBeenCalledExactlyOnceWith('camera')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeVisible()
  })

  it("keeps the browser's advice when the system allows Noom (or cannot tell)", async () => {
    const system = access('unknown')
    render(MediaProblemNote, {
      device: 'microphone',
      problem: 'permission-denied',
      onretry: vi.fn(),
      access: new SystemAccess(system),
    })
    await vi.waitFor(() => expect(system.getMediaAccess).toHaveBeenCalledWith('microphone'))
    expect(screen.getByRole('alert')).toHaveTextContent(/site settings/)
    expect(screen.queryByRole('button', { name: 'Open system settings' })).toBeNull()
  })

  it('does not ask the system about problems that are not refusals', () => {
    const system = access('denied')
    render(MediaProblemNote, {
      device: 'camera',
      problem: 'busy',
      onretry: vi.fn(),
      access: new SystemAccess(system),
    })
    expect(system.getMediaAccess).not.toHaveBeenCalled()
    expect(screen.getByRole('alert')).toHaveTextContent(/Another app is using your camera/)
  })
})
