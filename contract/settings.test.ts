import { describe, expect, it } from 'vitest'
import { LIMITS } from '../protocol/limits.js'
import { DEFAULT_HOST_OPTIONS, DEFAULT_HOST_PORT, hostOptionsSchema } from './host.js'
import {
  DEFAULT_USER_SETTINGS,
  readUserSettings,
  userSettingsSchema,
  type UserSettings,
} from './settings.js'

const saved: UserSettings = {
  ...DEFAULT_USER_SETTINGS,
  serverUrl: 'https://noom.example.org',
  nickname: 'Ann',
  lastRoom: 'standup',
  devices: { audioInput: 'mic-1', videoInput: null, audioOutput: 'speakers' },
  micOn: false,
  locale: 'ko',
  relayOnly: true,
}

describe('the shared defaults', () => {
  it('pass the schemas they are defaults of', () => {
    expect(userSettingsSchema.parse(DEFAULT_USER_SETTINGS)).toEqual(DEFAULT_USER_SETTINGS)
    expect(hostOptionsSchema.parse(DEFAULT_HOST_OPTIONS)).toEqual(DEFAULT_HOST_OPTIONS)
  })

  it('start a new user on no server of their own, the system language, both devices on', () => {
    expect(DEFAULT_USER_SETTINGS).toMatchObject({
      serverUrl: '',
      locale: null,
      micOn: true,
      cameraOn: true,
    })
  })

  it('host on the usual port, on this computer only', () => {
    expect(DEFAULT_HOST_PORT).toBe(47320)
    expect(DEFAULT_HOST_OPTIONS).toEqual({ port: 47320, lan: false })
  })

  it('cannot be changed by a caller that forgets to copy them', () => {
    expect(Object.isFrozen(DEFAULT_USER_SETTINGS)).toBe(true)
    expect(Object.isFrozen(DEFAULT_USER_SETTINGS.devices)).toBe(true)
    expect(Object.isFrozen(DEFAULT_HOST_OPTIONS)).toBe(true)
  })
})

describe('userSettingsSchema', () => {
  it.each([
    ['a language Noom does not speak', { locale: 'fr' }],
    ['a region tag', { locale: 'ko-KR' }],
    ['a server with a path', { serverUrl: 'https://noom.example.org/x' }],
    ['a nickname over the limit', { nickname: 'x'.repeat(LIMITS.nicknameMax + 1) }],
    ['an empty device id', { devices: { ...saved.devices, audioInput: '' } }],
    ['an unknown key', { admin: true }],
  ])('refuses %s', (_what, patch) => {
    expect(userSettingsSchema.safeParse({ ...saved, ...patch }).success).toBe(false)
  })
})

describe('readUserSettings', () => {
  it('keeps valid stored settings as they are', () => {
    expect(readUserSettings(saved)).toEqual(saved)
  })

  it('falls back field by field: a bad one costs only itself', () => {
    const stored = {
      ...saved,
      serverUrl: 'javascript:alert(1)',
      locale: 'fr',
      micOn: 'no',
      devices: { audioInput: 5, videoInput: 'cam-2' },
      admin: true,
    }
    expect(readUserSettings(stored)).toEqual({
      ...saved,
      serverUrl: '',
      locale: null,
      micOn: true,
      devices: { audioInput: null, videoInput: 'cam-2', audioOutput: null },
    })
  })

  it('falls back to the defaults it is given', () => {
    const defaults = { ...DEFAULT_USER_SETTINGS, nickname: 'Guest' }
    expect(readUserSettings({ nickname: 42 }, defaults).nickname).toBe('Guest')
  })

  it.each([null, undefined, 'settings', 42, ['a']])('answers the defaults for %j', (stored) => {
    expect(readUserSettings(stored)).toEqual(DEFAULT_USER_SETTINGS)
  })
})
