import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { DevicesView } from '../stores/devices-view.js'
import DeviceCheck from './DeviceCheck.svelte'
import { fakeStream } from './test-fixtures.js'

function devices(over: Partial<DevicesView> = {}): DevicesView {
  return {
    cameras: [
      { deviceId: 'cam-1', label: 'Front camera', index: 1 },
      { deviceId: 'cam-2', label: '', index: 2 },
    ],
    microphones: [{ deviceId: 'mic-1', label: 'Headset', index: 1 }],
    speakers: [{ deviceId: 'spk-1', label: 'Speakers', index: 1 }],
    choice: { audioInput: 'mic-1', videoInput: 'cam-2', audioOutput: null },
    preview: fakeStream,
    level: 0.42,
    problems: { audio: null, video: null },
    micOn: true,
    cameraOn: true,
    speakerSelectable: true,
    status: 'ready',
    start: vi.fn(),
    choose: vi.fn(),
    setMicOn: vi.fn(),
    setCameraOn: vi.fn(),
    retry: vi.fn(),
    stop: vi.fn(),
    ...over,
  }
}

function props(view: DevicesView, over: Record<string, unknown> = {}) {
  return {
    devices: view,
    room: 'demo',
    nickname: 'Ann',
    joining: false,
    onmic: vi.fn(),
    oncamera: vi.fn(),
    onchoose: vi.fn(),
    onjoin: vi.fn(),
    onback: vi.fn(),
    ...over,
  }
}

describe('DeviceCheck', () => {
  it('shows a mirrored, muted preview and the microphone level', () => {
    const { container } = render(DeviceCheck, props(devices()))
    const video = container.querySelector('video')
    expect(video).toHaveClass('mirrored')
    expect(video?.muted).toBe(true)
    expect(video).toHaveAttribute('playsinline')
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toHaveAttribute(
      'aria-valuenow',
      '42',
    )
  })

  it('offers the devices by name, numbering unnamed ones, with the choice selected', () => {
    render(DeviceCheck, props(devices()))
    const camera = screen.getByLabelText('Camera')
    expect(camera).toHaveValue('cam-2')
    expect(screen.getByRole('option', { name: 'Camera 2' })).toBeInTheDocument()
    expect(screen.getByLabelText('Speaker')).toBeInTheDocument()
  })

  it('hides the speaker picker where the speaker cannot be chosen', () => {
    render(DeviceCheck, props(devices({ speakerSelectable: false })))
    expect(screen.queryByLabelText('Speaker')).toBeNull()
  })

  it('forwards a device choice', async () => {
    const p = props(devices())
    render(DeviceCheck, p)
    await fireEvent.change(screen.getByLabelText('Camera'), { target: { value: 'cam-1' } })
    expect(p.onchoose).toHaveBeenCalledWith('videoInput', 'cam-1')
  })

  it('shows the toggles with aria-pressed and forwards the opposite state', async () => {
    const p = props(devices({ micOn: false }))
    render(DeviceCheck, p)
    const mic = screen.getByRole('button', { name: 'Microphone on' })
    expect(mic).toHaveAttribute('aria-pressed', 'false')
    expect(screen.getByRole('button', { name: 'Camera on' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await fireEvent.click(mic)
    expect(p.onmic).toHaveBeenCalledWith(true)
  })

  it('explains a busy camera and offers Retry', async () => {
    const retry = vi.fn()
    const view = devices({ problems: { audio: null, video: 'busy' }, retry })
    render(DeviceCheck, props(view))
    expect(screen.getByRole('alert')).toHaveTextContent('Another app is using your camera.')
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect(retry).toHaveBeenCalled()
  })

  it('explains a refused microphone with how to allow it', () => {
    render(DeviceCheck, props(devices({ problems: { audio: 'permission-denied', video: null } })))
    expect(screen.getByRole('alert')).toHaveTextContent(/Allow microphone access/)
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })

  it('offers no Retry where retrying cannot help', () => {
    render(DeviceCheck, props(devices({ problems: { audio: 'not-found', video: 'insecure' } })))
    const alerts = screen.getAllByRole('alert')
    expect(alerts.map((a) => a.dataset['problem'])).toEqual(['insecure', 'not-found'])
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  it('joins and goes back on request, and says when joining', async () => {
    const p = props(devices())
    const { rerender } = render(DeviceCheck, p)
    await fireEvent.click(screen.getByRole('button', { name: 'Join' }))
    await fireEvent.click(screen.getByRole('button', { name: 'Back' }))
    expect(p.onjoin).toHaveBeenCalled()
    expect(p.onback).toHaveBeenCalled()
    await rerender({ ...p, joining: true })
    expect(screen.getByRole('button', { name: 'Joining…' })).toBeDisabled()
  })
})
