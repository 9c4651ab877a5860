import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  corruptFileName,
  loadSettings,
  saveSettings,
  SETTINGS_FILE,
  type SettingsFs,
} from './settings-file.js'

const schema = z.object({
  nickname: z.string().max(32),
  micOn: z.boolean(),
})
const defaults = { nickname: '', micOn: true }
const NOW = new Date('2026-01-02T03:04:05.678Z')
const CORRUPT = 'settings.corrupt-2026-01-02T03-04-05-678Z.json'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noom-settings-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const load = () => loadSettings(dir, schema, defaults, undefined, () => NOW)

describe('loadSettings', () => {
  it('returns a copy of the defaults when there is no file', async () => {
    const settings = await load()
    expect(settings).toEqual(defaults)
    expect(settings).not.toBe(defaults)
    expect(await readdir(dir)).toEqual([])
  })

  it('returns a valid file parsed by the schema, dropping unknown keys', async () => {
    const stored = { nickname: 'Ada', micOn: false, extra: 'x' }
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify(stored))
    expect(await load()).toEqual({ nickname: 'Ada', micOn: false })
  })

  it.each([
    ['corrupt JSON', '{"nickname": "Ada", '],
    ['an empty file', ''],
    ['JSON failing the schema', JSON.stringify({ nickname: 42, micOn: true })],
    ['JSON of the wrong shape', '[1, 2, 3]'],
    ['JSON null', 'null'],
  ])('moves %s aside, keeping its bytes, and returns defaults', async (_name, text) => {
    await writeFile(join(dir, SETTINGS_FILE), text)
    expect(await load()).toEqual(defaults)
    expect(await readdir(dir)).toEqual([CORRUPT])
    expect(await readFile(join(dir, CORRUPT), 'utf8')).toBe(text)
  })

  it('throws for read errors other than a missing file, leaving the file alone', async () => {
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify(defaults))
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    const fs: SettingsFs = {
      ...(await import('node:fs/promises')),
      readFile: () => Promise.reject(denied),
    }
    await expect(loadSettings(dir, schema, defaults, fs)).rejects.toBe(denied)
    expect(await readdir(dir)).toEqual([SETTINGS_FILE])
  })
})

describe('saveSettings', () => {
  it('writes settings that load back, leaving no temp file', async () => {
    await saveSettings(dir, schema, { nickname: 'Ada', micOn: false })
    await saveSettings(dir, schema, { nickname: 'Grace', micOn: true })
    expect(await readdir(dir)).toEqual([SETTINGS_FILE])
    expect(await load()).toEqual({ nickname: 'Grace', micOn: true })
  })

  it('creates the directory when it does not exist yet', async () => {
    const nested = join(dir, 'a', 'b')
    await saveSettings(nested, schema, defaults)
    expect(await readdir(nested)).toEqual([SETTINGS_FILE])
  })

  it('refuses values the schema rejects and writes nothing', async () => {
    await expect(
      saveSettings(dir, schema, { nickname: 'x'.repeat(33), micOn: true }),
    ).rejects.toThrow()
    expect(await readdir(dir)).toEqual([])
  })

  it('keeps the old file and removes the temp file when the rename fails', async () => {
    await saveSettings(dir, schema, { nickname: 'Ada', micOn: true })
    const real = await import('node:fs/promises')
    const fs: SettingsFs = { ...real, rename: () => Promise.reject(new Error('disk gone')) }
    await expect(saveSettings(dir, schema, { nickname: 'Eve', micOn: true }, fs)).rejects.toThrow(
      'disk gone',
    )
    expect(await readdir(dir)).toEqual([SETTINGS_FILE])
    expect(await load()).toEqual({ nickname: 'Ada', micOn: true })
  })
})

describe('corruptFileName', () => {
  it('has no characters Windows forbids in file names', () => {
    expect(corruptFileName(NOW)).toBe(CORRUPT)
    expect(corruptFileName(NOW)).not.toMatch(/[<>:"/\\|?*]/)
  })
})
