import { describe, expect, it, vi } from 'vitest'
import type { CallPhase } from '../stores/call-types.js'
import type { CallFailure, JoinOptions } from '../engine/types.js'
import type { Settings } from '../stores/settings.svelte.js'
import type { DevicesView } from '../stores/devices-view.js'
import {
  Session,
  type LobbyRequest,
  type SessionParts,
  type SessionSettings,
} from './session.svelte.js'

class FakeCall {
  phase: CallPhase = 'idle'
  failure: CallFailure | null = null
  joins: JoinOptions[] = []
  left = 0
  answer: (options: JoinOptions) => Promise<boolean> = () => Promise.resolve(true)
  join(options: JoinOptions): Promise<boolean> {
    this.joins.push(options)
    return this.answer(options)
  }
  leave(): Promise<void> {
    this.left++
    this.phase = 'left'
    return Promise.resolve()
  }
}

/** The devices store's methods as mocks; the session reads no device state. */
function fakeDevices() {
  return {
    start: vi.fn(),
    stop: vi.fn(),
    setMicOn: vi.fn(),
    setCameraOn: vi.fn(),
    choose: vi.fn(),
  }
}

function setup() {
  const values: Partial<Settings> = { serverUrl: '', nickname: '', micOn: false, cameraOn: true }
  const settings: SessionSettings = {
    get serverUrl() {
      return values.serverUrl ?? ''
    },
    get nickname() {
      return values.nickname ?? ''
    },
    get micOn() {
      return values.micOn ?? true
    },
    get cameraOn() {
      return values.cameraOn ?? true
    },
    get relayOnly() {
      return values.relayOnly ?? false
    },
    update: (patch) => Object.assign(values, patch),
  }
  const made: {
    call: FakeCall
    devices: ReturnType<typeof fakeDevices>
    stopMedia: ReturnType<typeof vi.fn>
  }[] = []
  const session = new Session<SessionParts & { call: FakeCall }>(
    () => {
      const parts = { call: new FakeCall(), devices: fakeDevices(), stopMedia: vi.fn() }
      made.push(parts)
      return { ...parts, devices: parts.devices as unknown as DevicesView }
    },
    settings,
    'from-link',
  )
  return { session, values, made }
}

const request: LobbyRequest = {
  serverUrl: 'http://127.0.0.1:4000',
  nickname: 'Ann',
  room: 'demo',
  password: 'pw',
  visibility: 'private',
  admission: 'open',
  relayOnly: true,
}

describe('Session', () => {
  it('starts in the lobby with the room from the link', () => {
    const { session } = setup()
    expect(session.screen).toBe('lobby')
    expect(session.draft.room).toBe('from-link')
    expect(session.parts).toBeNull()
  })

  it('starts a new room unlisted and open unless the user asks otherwise', () => {
    const { session } = setup()
    expect(session.draft).toMatchObject({ visibility: 'private', admission: 'open' })
  })

  it('takes a room named by a noom:// link as the draft, dropping a password typed for another', () => {
    const { session, made } = setup()
    session.toDeviceCheck(request)
    session.backToLobby()
    session.setDraftRoom('linked')
    expect(session.draft).toMatchObject({ room: 'linked', password: '' })
    expect(made).toHaveLength(1)
  })

  it('remembers the lobby entries and starts the devices as last chosen', () => {
    const { session, values, made } = setup()
    session.toDeviceCheck(request)
    expect(session.screen).toBe('devices')
    expect(values).toMatchObject({
      serverUrl: request.serverUrl,
      nickname: 'Ann',
      lastRoom: 'demo',
      relayOnly: true,
    })
    expect(made[0]?.devices.start).toHaveBeenCalledWith({ micOn: false, cameraOn: true })
  })

  it('remembers microphone and camera toggles', () => {
    const { session, values, made } = setup()
    session.toDeviceCheck(request)
    session.setMicOn(true)
    session.setCameraOn(false)
    expect(made[0]?.devices.setMicOn).toHaveBeenCalledWith(true)
    expect(values).toMatchObject({ micOn: true, cameraOn: false })
  })

  it('joins with the draft and shows the call', async () => {
    const { session, made } = setup()
    session.toDeviceCheck(request)
    await session.join()
    expect(made[0]?.call.joins).toEqual([
      {
        server: request.serverUrl,
        room: 'demo',
        nickname: 'Ann',
        visibility: 'private',
        password: 'pw',
      },
    ])
    expect(session.screen).toBe('call')
  })

  it('asks a new room to make people knock only when the user chose "Ask to join"', async () => {
    const { session, made } = setup()
    session.toDeviceCheck({ ...request, admission: 'knock' })
    await session.join()
    expect(made[0]?.call.joins[0]).toMatchObject({ admission: 'knock' })
    session.leave()
    session.toDeviceCheck(request)
    await session.join()
    expect(made[1]?.call.joins[0]).not.toHaveProperty('admission')
  })

  it('sends no password when none was given', async () => {
    const { session, made } = setup()
    session.toDeviceCheck({ ...request, password: '' })
    await session.join()
    expect(made[0]?.call.joins[0]).not.toHaveProperty('password')
  })

  it('returns to the lobby with a failed join, clearing a wrong password', async () => {
    const { session, made } = setup()
    session.toDeviceCheck(request)
    const call = made[0]!.call
    call.answer = () => {
      call.failure = { code: 'wrong_password' }
      return Promise.resolve(false)
    }
    await session.join()
    expect(session.screen).toBe('lobby')
    expect(session.returned).toBe(true)
    expect(session.failure).toEqual({ code: 'wrong_password' })
    expect(session.draft).toEqual({
      room: 'demo',
      password: '',
      visibility: 'private',
      admission: 'open',
    })
    expect(made[0]?.devices.stop).toHaveBeenCalled()
    expect(made[0]?.stopMedia).toHaveBeenCalled()
  })

  it('gives every attempt new parts and releases the old ones on Back', () => {
    const { session, made } = setup()
    session.toDeviceCheck(request)
    session.backToLobby()
    expect(made[0]?.stopMedia).toHaveBeenCalled()
    session.toDeviceCheck(request)
    expect(made).toHaveLength(2)
    expect(session.parts?.call).toBe(made[1]?.call)
  })

  it('leaves a join that finished after the user went back', async () => {
    const { session, made } = setup()
    session.toDeviceCheck(request)
    const joining = session.join()
    session.backToLobby()
    await joining
    expect(made[0]?.call.left).toBe(1)
    expect(session.screen).toBe('lobby')
  })

  it('follows a call that failed on its own back to the lobby with the reason', async () => {
    const { session, made } = setup()
    session.toDeviceCheck(request)
    await session.join()
    const call = made[0]!.call
    call.phase = 'failed'
    call.failure = { code: 'replaced' }
    session.followCall()
    expect(session.screen).toBe('lobby')
    expect(session.failure).toEqual({ code: 'replaced' })
  })

  it('leaves on request without a failure', async () => {
    const { session, made } = setup()
    session.toDeviceCheck(request)
    await session.join()
    session.leave()
    expect(made[0]?.call.left).toBe(1)
    expect(session.screen).toBe('lobby')
    expect(session.failure).toBeNull()
  })
})
