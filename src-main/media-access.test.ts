import { describe, expect, it, vi } from 'vitest'
import {
  getMediaAccess,
  mediaAccessSettingsUrl,
  requestMediaAccess,
  type SystemPreferencesLike,
} from './media-access.js'

function prefs(status: string, asked = true) {
  return {
    getMediaAccessStatus: vi.fn(() => status),
    askForMediaAccess: vi.fn(() => Promise.resolve(asked)),
  } satisfies SystemPreferencesLike
}

describe('getMediaAccess', () => {
  it.each(['not-determined', 'granted', 'denied', 'restricted'] as const)(
    'reports macOS status %s as it is',
    (status) => {
      expect(getMediaAccess('camera', 'darwin', prefs(status))).toBe(status)
    },
  )

  it('turns a status it does not know into unknown', () => {
    expect(getMediaAccess('screen', 'darwin', prefs('something-new'))).toBe('unknown')
  })

  it('asks Windows about camera and microphone but not the screen', () => {
    const windows = prefs('denied')
    expect(getMediaAccess('microphone', 'win32', windows)).toBe('denied')
    expect(getMediaAccess('screen', 'win32', windows)).toBe('granted')
    expect(windows.getMediaAccessStatus).toHaveBeenCalledTimes(1)
  })

  it('counts Linux as granted without asking', () => {
    const linux = prefs('denied')
    expect(getMediaAccess('camera', 'linux', linux)).toBe('granted')
    expect(linux.getMediaAccessStatus).not.toHaveBeenCalled()
  })
})

describe('requestMediaAccess', () => {
  it('shows the macOS prompt and answers what the user chose', async () => {
    const mac = prefs('not-determined', false)
    await expect(requestMediaAccess('camera', 'darwin', mac)).resolves.toBe(false)
    expect(mac.askForMediaAccess).toHaveBeenCalledExactlyOnceWith('camera')
  })

  it('answers the current status elsewhere, with no prompt', async () => {
    const windows = prefs('granted')
    await expect(requestMediaAccess('microphone', 'win32', windows)).resolves.toBe(true)
    expect(windows.askForMediaAccess).not.toHaveBeenCalled()
  })
})

describe('mediaAccessSettingsUrl', () => {
  it.each([
    ['camera', 'darwin', 'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera'],
    [
      'screen',
      'darwin',
      'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture',
    ],
    ['microphone', 'win32', 'ms-settings:privacy-microphone'],
    ['screen', 'win32', null],
    ['camera', 'linux', null],
  ] as const)('%s on %s opens %s', (kind, platform, url) => {
    expect(mediaAccessSettingsUrl(kind, platform)).toBe(url)
  })
})
