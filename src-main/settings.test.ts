import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SettingsSaveError, SettingsService } from './settings.js'
import { SETTINGS_FILE, type SettingsFs } from './settings-file.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noom-settings-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const user = { ...DEFAULT_SETTINGS.user, nickname: 'Ann', serverUrl: 'https://noom.example.org' }
const onDisk = async () =>
  JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')) as typeof DEFAULT_SETTINGS

describe('SettingsService', () => {
  it('starts from the defaults, with the built-in server on loopback only', async () => {
    const settings = await SettingsService.open(dir)
    expect(settings.user).toEqual(DEFAULT_SETTINGS.user)
    expect(settings.host).toEqual({ port: 47320, lan: false })
    expect(settings.window).toBeNull()
  })

  it('saves a change and reads it back in a new run', async () => {
    const settings = await SettingsService.open(dir)
    await settings.setUser(user)
    settings.setHost({ port: 0, lan: true })
    await settings.flush()

    const again = await SettingsService.open(dir)
    expect(again.user).toEqual(user)
    expect(again.host).toEqual({ port: 0, lan: true })
  })

  it('writes the latest value when changes come faster than the disk', async () => {
    const settings = await SettingsService.open(dir)
    const saves = Array.from({ length: 20 }, (_, i) =>
      settings.setUser({ ...user, nickname: `Ann ${i}` }),
    )
    await Promise.all(saves)
    expect((await onDisk()).user.nickname).toBe('Ann 19')
  })

  it.each([
    ['an unknown key', { ...user, admin: true }],
    ['a server with a path', { ...user, serverUrl: 'https://noom.example.org/x' }],
    ['a javascript: server', { ...user, serverUrl: 'javascript:alert(1)' }],
    ['a server with credentials', { ...user, serverUrl: 'https://a:b@noom.example.org' }],
    ['a nickname over the limit', { ...user, nickname: 'x'.repeat(33) }],
    ['a locale that is not a language tag', { ...user, locale: '../../etc' }],
    ['a language Noom does not speak', { ...user, locale: 'fr' }],
    ['a region tag (the page stores the language only)', { ...user, locale: 'ko-KR' }],
    ['a device id of the wrong type', { ...user, devices: { ...user.devices, audioInput: 5 } }],
    ['a missing field', { nickname: 'Ann' }],
    ['not an object', 'settings'],
  ])('refuses %s and keeps what it had', async (_what, value) => {
    const settings = await SettingsService.open(dir)
    await settings.setUser(user)
    await expect(settings.setUser(value)).rejects.toThrow('Invalid settings')
    expect(settings.user).toEqual(user)
  })

  it.each([
    ['a privileged port', { port: 80, lan: false }],
    ['a port out of range', { port: 70000, lan: false }],
    ['a fractional port', { port: 4000.5, lan: false }],
  ])('refuses a host with %s', async (_what, value) => {
    const settings = await SettingsService.open(dir)
    expect(() => settings.setHost(value)).toThrow()
    expect(settings.host).toEqual(DEFAULT_SETTINGS.host)
  })

  it('moves a corrupt file aside and starts from the defaults', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '{"version":1,"user":')
    const settings = await SettingsService.open(dir)
    expect(settings.user).toEqual(DEFAULT_SETTINGS.user)
    const files = await readdir(dir)
    expect(files.filter((name) => name.startsWith('settings.corrupt-'))).toHaveLength(1)
  })

  it('resolves a change only once it is on disk', async () => {
    const settings = await SettingsService.open(dir)
    await settings.setUser(user)
    expect((await onDisk()).user).toEqual(user)
  })
})

/** A settings directory with no file yet, whose writes fail with `error` while `failing` is set. */
function failingFs(error: Error) {
  const state = { failing: true, writes: 0 }
  const fs: SettingsFs = {
    readFile: () => Promise.reject(Object.assign(new Error('none'), { code: 'ENOENT' })),
    writeFile: () => {
      state.writes++
      return state.failing ? Promise.reject(error) : Promise.resolve()
    },
    rename: () => Promise.resolve(),
    mkdir: () => Promise.resolve(undefined),
    rm: () => Promise.resolve(),
  }
  return { fs, state }
}

const errno = (code: string, text: string) => Object.assign(new Error(text), { code })

describe('SettingsService when the disk refuses the write', () => {
  it.each([
    ['a full disk', 'ENOSPC', 'Noom could not save your settings: the disk is full.'],
    ['a used-up quota', 'EDQUOT', 'Noom could not save your settings: the disk is full.'],
    [
      'a read-only profile',
      'EROFS',
      'Noom could not save your settings: the settings folder is read-only.',
    ],
    [
      'a folder it may not write',
      'EACCES',
      'Noom could not save your settings: it is not allowed to write to the settings folder.',
    ],
    [
      'a file it may not replace',
      'EPERM',
      'Noom could not save your settings: it is not allowed to write to the settings folder.',
    ],
    ['anything else', 'EIO', 'Noom could not save your settings.'],
  ])(
    'rejects after %s with a sentence for the user, not the system error',
    async (_what, code, why) => {
      const raw = errno(code, `${code}: /home/ann/.config/Noom/settings.json.1234.tmp`)
      const errors: unknown[] = []
      const { fs } = failingFs(raw)
      const settings = await SettingsService.open(dir, { fs, onError: (e) => errors.push(e) })

      const saving = settings.setUser(user)
      await expect(saving).rejects.toThrow(why)
      await expect(saving).rejects.toHaveProperty('message', why)
      await expect(saving).rejects.toBeInstanceOf(SettingsSaveError)
      await expect(saving).rejects.not.toThrow(code)
      expect(errors).toEqual([raw])
      // The change still holds for this run.
      expect(settings.user).toEqual(user)
    },
  )

  it('words the failure in the user’s language, else the system’s', async () => {
    const { fs } = failingFs(errno('ENOSPC', 'no space'))
    const settings = await SettingsService.open(dir, { fs, systemLocale: () => 'ko-KR' })
    await expect(settings.setUser(user)).rejects.toThrow(
      /^Noom이 설정을 저장하지 못했습니다. 디스크가/,
    )
    await expect(settings.setUser({ ...user, locale: 'en' })).rejects.toThrow(/the disk is full/)
  })

  it('tells every change waiting for the failed write, and saves again once the disk allows', async () => {
    const { fs, state } = failingFs(errno('ENOSPC', 'no space'))
    const settings = await SettingsService.open(dir, { fs })
    const first = settings.setUser({ ...user, nickname: 'One' })
    const second = settings.setUser({ ...user, nickname: 'Two' })
    await expect(first).rejects.toBeInstanceOf(SettingsSaveError)
    await expect(second).rejects.toBeInstanceOf(SettingsSaveError)

    state.failing = false
    await expect(settings.setUser({ ...user, nickname: 'Three' })).resolves.toMatchObject({
      nickname: 'Three',
    })
  })

  it('does not blame a window or host change, which nobody waits for', async () => {
    const { fs, state } = failingFs(errno('EROFS', 'read-only'))
    const errors: unknown[] = []
    const settings = await SettingsService.open(dir, { fs, onError: (e) => errors.push(e) })
    settings.setHost({ port: 0, lan: true })
    await settings.flush()
    expect(state.writes).toBe(1)
    expect(errors).toHaveLength(1)
    expect(settings.host).toEqual({ port: 0, lan: true })
  })
})
