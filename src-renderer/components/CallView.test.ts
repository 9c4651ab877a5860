import { fireEvent, render, screen } from '@testing-library/svelte'
import { describe, expect, it, vi } from 'vitest'
import type { DevicesView } from '../stores/devices-view.js'
import type { Notice, ParticipantView } from '../stores/call-types.js'
import type { ChatLine } from '../stores/chat.svelte.js'
import type { CallHosting } from '../stores/call-hosting.svelte.js'
import { CallSafety } from '../stores/call-safety.svelte.js'
import CallView from './CallView.svelte'
import { participant } from './test-fixtures.js'

const SERVER = 'https://noom.example.org'

function fakeCall(notice: Notice | null = null) {
  const participants: ParticipantView[] = [
    participant({ id: 'me', nickname: 'Ann', self: true }),
    participant({ id: 'bo', nickname: 'Bo' }),
  ]
  return {
    room: {
      name: 'demo',
      locked: false,
      visibility: 'public' as const,
      admission: 'open' as const,
      capacity: 8,
    },
    participants,
    screenShares: [],
    micOn: false,
    cameraOn: true,
    sharing: false,
    notice,
    toggleMic: vi.fn(),
    toggleCamera: vi.fn(() => Promise.resolve()),
    pushToTalk: vi.fn(),
    toggleScreenShare: vi.fn(() => Promise.resolve()),
    dismissNotice: vi.fn(),
    rename: vi.fn(() => Promise.resolve(null)),
    showCamera: vi.fn(),
    isHost: false,
    hosting: fakeHosting(),
    safety: new CallSafety(),
  }
}

function hostingMocks(knocks: { id: string; nickname: string }[] = []) {
  const done = () => Promise.resolve(true)
  return {
    knocks,
    admit: vi.fn(done),
    deny: vi.fn(done),
    admitAll: vi.fn(done),
    remove: vi.fn(done),
    mute: vi.fn(done),
    promote: vi.fn(done),
    updateRoom: vi.fn(done),
  }
}

function fakeHosting(mocks = hostingMocks()): CallHosting {
  return mocks as unknown as CallHosting
}

function fakeChat(open = false) {
  return {
    lines: [] as ChatLine[],
    open,
    unread: 0,
    setOpen: vi.fn(),
    send: vi.fn(() => Promise.resolve()),
    retry: vi.fn(() => Promise.resolve()),
  }
}

const devices = {
  cameras: [],
  microphones: [],
  speakers: [],
  choice: { audioInput: null, videoInput: null, audioOutput: null },
  preview: null,
  level: 0,
  problems: { audio: null, video: null },
  micOn: false,
  cameraOn: true,
  speakerSelectable: false,
  status: 'ready',
} as unknown as DevicesView

function setup(call = fakeCall(), chat = fakeChat()) {
  const onleave = vi.fn()
  render(CallView, { call, chat, devices, server: SERVER, onchoose: vi.fn(), onleave })
  return { call, chat, onleave }
}

describe('CallView', () => {
  it('shows the room, a tile per participant and the controls', () => {
    setup()
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Room demo')
    expect(screen.getAllByRole('figure')).toHaveLength(2)
    expect(screen.getByRole('region', { name: 'Call controls' })).toBeInTheDocument()
  })

  it('offers the invite link to this room on this server', () => {
    setup()
    expect(screen.getByRole('button', { name: 'Copy invite link' })).toHaveAttribute(
      'title',
      `${SERVER}/?room=demo`,
    )
  })

  it('shows a host the knocks without leaving the grid, and member actions on tiles', async () => {
    const hosting = hostingMocks([{ id: 'k1', nickname: 'Cy' }])
    const call = { ...fakeCall(), isHost: true, hosting: fakeHosting(hosting) }
    setup(call)
    const knocks = screen.getByRole('region', { name: 'People asking to join' })
    expect(knocks).toHaveTextContent('Cy wants to join')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    await fireEvent.click(screen.getByRole('button', { name: 'Admit Cy' }))
    expect(hosting.admit).toHaveBeenCalledWith('k1')
    await fireEvent.click(screen.getByRole('button', { name: 'Host actions for Bo' }))
    await fireEvent.click(screen.getByRole('button', { name: 'Turn microphone off' }))
    expect(hosting.mute).toHaveBeenCalledWith('bo', 'audio')
    expect(screen.getByRole('button', { name: 'Room settings' })).toBeInTheDocument()
  })

  it('offers a member no host actions', () => {
    setup()
    expect(screen.queryByRole('button', { name: /^Host actions/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Room settings' })).not.toBeInTheDocument()
  })

  it('toggles the microphone with M and the camera with V', async () => {
    const { call } = setup()
    await fireEvent.keyDown(document.body, { key: 'm', code: 'KeyM' })
    await fireEvent.keyDown(document.body, { key: 'v', code: 'KeyV' })
    expect(call.toggleMic).toHaveBeenCalledOnce()
    expect(call.toggleCamera).toHaveBeenCalledOnce()
  })

  it('talks while Space is held and stops on release or when the window loses focus', async () => {
    const { call } = setup()
    await fireEvent.keyDown(document.body, { key: ' ', code: 'Space' })
    await fireEvent.keyDown(document.body, { key: ' ', code: 'Space', repeat: true })
    await fireEvent.keyUp(document.body, { key: ' ', code: 'Space' })
    expect(call.pushToTalk.mock.calls).toEqual([[true], [false]])
    await fireEvent.keyDown(document.body, { key: ' ', code: 'Space' })
    await fireEvent.blur(window)
    expect(call.pushToTalk.mock.calls).toEqual([[true], [false], [true], [false]])
  })

  it('leaves typing alone: no shortcut fires from the chat input', async () => {
    const { call } = setup(fakeCall(), fakeChat(true))
    const input = screen.getByRole('textbox', { name: 'Message' })
    await fireEvent.keyDown(input, { key: 'm', code: 'KeyM' })
    await fireEvent.keyDown(input, { key: ' ', code: 'Space' })
    expect(call.toggleMic).not.toHaveBeenCalled()
    expect(call.pushToTalk).not.toHaveBeenCalled()
  })

  it('shows a notice with its parameters, dismissible', async () => {
    const { call } = setup(fakeCall({ key: 'notice.deviceLost', params: { name: 'USB Mic' } }))
    const status = screen.getByRole('status')
    expect(status).toHaveTextContent('USB Mic was disconnected. Switched to the default device.')
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(call.dismissNotice).toHaveBeenCalled()
  })

  it('opens the participants panel and the devices dialog, and leaves', async () => {
    const { onleave } = setup()
    await fireEvent.click(screen.getByRole('button', { name: 'Participants' }))
    expect(screen.getByRole('complementary', { name: 'Participants (2)' })).toBeInTheDocument()
    await fireEvent.click(screen.getByRole('button', { name: 'Devices' }))
    expect(screen.getByRole('dialog', { name: 'Devices' })).toBeInTheDocument()
    await fireEvent.click(screen.getByRole('button', { name: 'Leave' }))
    expect(onleave).toHaveBeenCalled()
  })
})
