import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_USER_SETTINGS, type UserSettings } from '../../contract/index.js'
import {
  SETTINGS_KEY,
  SettingsStore,
  desktopSettingsStorage,
  pageServerUrl,
  type SettingsStorage,
} from './settings.svelte.js'

class MemoryStorage implements SettingsStorage {
  readonly items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
}

/** The server that served the page: the fallback while none of the user's own is saved. */
const PAGE = 'http://127.0.0.1:4000'

function storeWith(stored: string | null): SettingsStore {
  const storage = new MemoryStorage()
  if (stored !== null) storage.setItem(SETTINGS_KEY, stored)
  const settings = new SettingsStore(storage)
  settings.setFallbackServer(PAGE)
  return settings
}

describe('settings', () => {
  it('starts from the defaults: the page server, mic and camera on, no relay', () => {
    const settings = storeWith(null)
    expect(settings.serverUrl).toBe('http://127.0.0.1:4000')
    expect(settings.micOn).toBe(true)
    expect(settings.cameraOn).toBe(true)
    expect(settings.relayOnly).toBe(false)
    expect(settings.locale).toBeNull()
  })

  it('defaults the server to the page origin only for http(s) pages', () => {
    expect(pageServerUrl({ protocol: 'https:', origin: 'https://a.example' })).toBe(
      'https://a.example',
    )
    expect(pageServerUrl({ protocol: 'app:', origin: 'app://noom' })).toBe('')
    expect(pageServerUrl({ protocol: 'file:', origin: 'null' })).toBe('')
    expect(pageServerUrl(undefined)).toBe('')
  })

  it('survives storage that is not JSON', () => {
    expect(storeWith('{not json').nickname).toBe('')
    expect(storeWith('null').serverUrl).toBe(PAGE)
    expect(storeWith('[1,2]').micOn).toBe(true)
  })

  it('keeps valid fields and replaces corrupt or foreign ones with defaults', () => {
    const settings = storeWith(
      JSON.stringify({
        serverUrl: 'javascript:alert(1)',
        nickname: 'Ann',
        lastRoom: 42,
        devices: { audioInput: 'mic-1', videoInput: { evil: true }, audioOutput: '' },
        micOn: 'yes',
        cameraOn: false,
        locale: 'fr',
        relayOnly: true,
      }),
    )
    expect(settings.serverUrl).toBe(PAGE)
    expect(settings.nickname).toBe('Ann')
    expect(settings.lastRoom).toBe('')
    expect(settings.devices).toEqual({ audioInput: 'mic-1', videoInput: null, audioOutput: null })
    expect(settings.micOn).toBe(true)
    expect(settings.cameraOn).toBe(false)
    expect(settings.locale).toBeNull()
    expect(settings.relayOnly).toBe(true)
  })

  it('takes nothing but its own fields from stored JSON', () => {
    const settings = storeWith('{"__proto__":{"polluted":true},"nickname":"Ann","extra":1}')
    expect(settings.nickname).toBe('Ann')
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('refuses over-long strings and non-canonical server addresses', () => {
    const long = storeWith(
      JSON.stringify({ nickname: 'x'.repeat(1000), serverUrl: 'https://a.example/path' }),
    )
    expect(long.nickname).toBe('')
    expect(long.serverUrl).toBe(PAGE)
    expect(storeWith(JSON.stringify({ serverUrl: 'https://a.example' })).serverUrl).toBe(
      'https://a.example',
    )
  })

  it('ignores an update of the wrong shape, keeping the field as it was', () => {
    const settings = storeWith(JSON.stringify({ nickname: 'Ann', serverUrl: 'https://a.example' }))
    settings.update({ nickname: 'x'.repeat(1000), serverUrl: 'javascript:alert(1)' })
    expect(settings.nickname).toBe('Ann')
    expect(settings.serverUrl).toBe('https://a.example')
  })

  it("saves the fallback server as '' so the choice follows it", () => {
    const storage = new MemoryStorage()
    const settings = new SettingsStore(storage)
    settings.setFallbackServer(PAGE)
    settings.update({ serverUrl: PAGE })
    expect(JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}')).toMatchObject({ serverUrl: '' })
    expect(settings.serverUrl).toBe(PAGE)
  })

  it('saves updates and reads them back in a new store', () => {
    const storage = new MemoryStorage()
    const first = new SettingsStore(storage)
    first.update({ nickname: 'Bo', locale: 'ko', micOn: false })
    const second = new SettingsStore(storage)
    expect(second.nickname).toBe('Bo')
    expect(second.locale).toBe('ko')
    expect(second.micOn).toBe(false)
  })

  it('keeps working when storage throws', () => {
    const broken: SettingsStorage = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    const settings = new SettingsStore(broken)
    expect(settings.saveProblem).toBeNull()
    settings.update({ nickname: 'Cy' })
    expect(settings.nickname).toBe('Cy')
    // The user is told the settings will not outlive this run.
    expect(settings.saveProblem).toBe('')
  })
})

describe('desktop settings storage', () => {
  const saved: UserSettings = {
    ...DEFAULT_USER_SETTINGS,
    nickname: 'Ann',
    serverUrl: 'https://a.example',
  }

  it('reads the copy main gave at start-up', () => {
    const settings = new SettingsStore(null)
    settings.useStorage(desktopSettingsStorage(saved, () => Promise.resolve()))
    expect(settings.nickname).toBe('Ann')
    expect(settings.serverUrl).toBe('https://a.example')
  })

  it('sends every change to main, in order, as whole settings', async () => {
    const save = vi.fn((_settings: UserSettings) => Promise.resolve())
    const settings = new SettingsStore(desktopSettingsStorage(saved, save))
    settings.update({ nickname: 'Bo' })
    settings.update({ micOn: false })
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(2))
    expect(save.mock.calls.map(([s]) => [s.nickname, s.micOn])).toEqual([
      ['Bo', true],
      ['Bo', false],
    ])
  })

  it('keeps the change for this run and reports it when main refuses it', async () => {
    const errors: unknown[] = []
    const storage = desktopSettingsStorage(
      saved,
      () => Promise.reject(new Error('invalid arguments')),
      (error) => errors.push(error),
    )
    const settings = new SettingsStore(storage)
    settings.update({ nickname: 'Cy' })
    await vi.waitFor(() => expect(errors).toHaveLength(1))
    expect(settings.nickname).toBe('Cy')
    // A later change still goes out: one failure does not stop the queue.
    settings.update({ nickname: 'Di' })
    await vi.waitFor(() => expect(errors).toHaveLength(2))
  })
})

describe('the built-in server as the fallback', () => {
  it("uses this computer's server while none is saved, and a saved one over it", () => {
    const settings = new SettingsStore(new MemoryStorage())
    expect(settings.serverUrl).toBe('')
    settings.setFallbackServer('http://127.0.0.1:47320')
    expect(settings.serverUrl).toBe('http://127.0.0.1:47320')
    settings.update({ serverUrl: 'https://noom.example.org' })
    expect(settings.serverUrl).toBe('https://noom.example.org')
  })

  it('saves "this computer" rather than its address, so a moved port is followed', () => {
    const storage = new MemoryStorage()
    const settings = new SettingsStore(storage)
    settings.setFallbackServer('http://127.0.0.1:47320')
    settings.update({ serverUrl: 'http://127.0.0.1:47320' })
    expect(JSON.parse(storage.getItem(SETTINGS_KEY) ?? '{}')).toMatchObject({ serverUrl: '' })
    settings.setFallbackServer('http://127.0.0.1:51000')
    expect(settings.serverUrl).toBe('http://127.0.0.1:51000')
  })
})
