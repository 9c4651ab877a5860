import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import ControlsBar from './ControlsBar.svelte'

function props(over: Record<string, unknown> = {}) {
  return {
    micOn: true,
    cameraOn: false,
    sharing: false,
    chatOpen: false,
    unread: 0,
    participantsOpen: false,
    onmic: vi.fn(),
    oncamera: vi.fn(),
    onscreen: vi.fn(),
    ondevices: vi.fn(),
    onchat: vi.fn(),
    onparticipants: vi.fn(),
    onleave: vi.fn(),
    ...over,
  }
}

describe('ControlsBar', () => {
  it('tells the state of each toggle with aria-pressed', () => {
    render(ControlsBar, props({ sharing: true }))
    expect(screen.getByRole('button', { name: 'Microphone' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    expect(screen.getByRole('button', { name: 'Camera' })).toHaveAttribute('aria-pressed', 'false')
    expect(screen.getByRole('button', { name: 'Share screen' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    expect(screen.getByRole('button', { name: 'Participants' })).toHaveAttribute(
      'aria-pressed',
      'false',
    )
  })

  it('forwards clicks', async () => {
    const p = props()
    render(ControlsBar, p)
    await fireEvent.click(screen.getByRole('button', { name: 'Microphone' }))
    await fireEvent.click(screen.getByRole('button', { name: 'Camera' }))
    await fireEvent.click(screen.getByRole('button', { name: 'Devices' }))
    await fireEvent.click(screen.getByRole('button', { name: 'Leave' }))
    expect(p.onmic).toHaveBeenCalledOnce()
    expect(p.oncamera).toHaveBeenCalledOnce()
    expect(p.ondevices).toHaveBeenCalledOnce()
    expect(p.onleave).toHaveBeenCalledOnce()
  })

  it('counts unread chat messages in the chat button', () => {
    render(ControlsBar, props({ unread: 3 }))
    const chat = screen.getByRole('button', { name: 'Chat, 3 unread' })
    expect(chat).toHaveTextContent('3')
  })
})
