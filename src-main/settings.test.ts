import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SettingsService, userSettingsSchema } from './settings.js'
import { SETTINGS_FILE } from './settings-file.js'

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
    settings.setUser(user)
    settings.setHost({ port: 0, lan: true })
    await settings.flush()

    const again = await SettingsService.open(dir)
    expect(again.user).toEqual(user)
    expect(again.host).toEqual({ port: 0, lan: true })
  })

  it('writes the latest value when changes come faster than the disk', async () => {
    const settings = await SettingsService.open(dir)
    for (let i = 0; i < 20; i++) settings.setUser({ ...user, nickname: `Ann ${i}` })
    await settings.flush()
    expect((await onDisk()).user.nickname).toBe('Ann 19')
  })

  it.each([
    ['an unknown key', { ...user, admin: true }],
    ['a server with a path', { ...user, serverUrl: 'https://noom.example.org/x' }],
    ['a javascript: server', { ...user, serverUrl: 'javascript:alert(1)' }],
    ['a server with credentials', { ...user, serverUrl: 'https://a:b@noom.example.org' }],
    ['a nickname over the limit', { ...user, nickname: 'x'.repeat(33) }],
    ['a locale that is not a language tag', { ...user, locale: '../../etc' }],
    ['a device id of the wrong type', { ...user, devices: { ...user.devices, audioInput: 5 } }],
    ['a missing field', { nickname: 'Ann' }],
    ['not an object', 'settings'],
  ])('refuses %s and keeps what it had', async (_what, value) => {
    const settings = await SettingsService.open(dir)
    settings.setUser(user)
    expect(() => settings.setUser(value)).toThrow()
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

  it('reports a failed write and keeps the value for this run', async () => {
    const errors: unknown[] = []
    const settings = await SettingsService.open(dir, {
      onError: (error) => errors.push(error),
      fs: {
        readFile: () => Promise.reject(Object.assign(new Error('none'), { code: 'ENOENT' })),
        writeFile: () => Promise.reject(new Error('disk full')),
        rename: () => Promise.resolve(),
        mkdir: () => Promise.resolve(undefined),
        rm: () => Promise.resolve(),
      },
    })
    settings.setUser(user)
    await settings.flush()
    expect(errors).toHaveLength(1)
    expect(settings.user).toEqual(user)
  })
})

describe('userSettingsSchema', () => {
  it('accepts every server the renderer stores (an origin) and none', () => {
    for (const serverUrl of ['', 'http://192.168.1.5:3000', 'https://[::1]:8443']) {
      expect(userSettingsSchema.safeParse({ ...user, serverUrl }).success).toBe(true)
    }
  })
})
