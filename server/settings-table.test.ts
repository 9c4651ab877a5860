import { describe, expect, expectTypeOf, it } from 'vitest'
import { resolveOptions } from './options.js'
import {
  SETTING_KEYS,
  settingDefaults,
  settingOf,
  SETTINGS,
  type SettingValues,
} from './settings-table.js'

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/** A value as a flag would give it. */
const asText = (value: unknown) => (Array.isArray(value) ? value.join(',') : String(value))

describe('the settings table', () => {
  it('names every flag and env var after its config key', () => {
    for (const key of SETTING_KEYS) {
      const { flag, env } = settingOf(key)
      expect(flag, key).toBe(kebab(key))
      expect(env, key).toBe(`NOOM_${kebab(key).replaceAll('-', '_').toUpperCase()}`)
    }
  })

  it('holds defaults that its own parsers accept', () => {
    for (const key of SETTING_KEYS) {
      const setting = settingOf(key)
      for (const value of [setting.default, setting.libraryDefault]) {
        if (value === undefined) continue
        expect(setting.parse.safeParse(asText(value)), key).toMatchObject({
          success: true,
          data: value,
        })
      }
    }
  })

  it('types a setting with a default as always set, one without as maybe undefined', () => {
    expectTypeOf<SettingValues['port']>().toEqualTypeOf<number>()
    expectTypeOf<SettingValues['logLevel']>().toEqualTypeOf<
      'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
    >()
    expectTypeOf<SettingValues['allowedOrigins']>().toEqualTypeOf<string[]>()
    expectTypeOf<SettingValues['trustedProxies']>().toEqualTypeOf<string[]>()
    expectTypeOf<SettingValues['secret']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<SettingValues['turnUrls']>().toEqualTypeOf<string[] | undefined>()
    expectTypeOf<SettingValues['sfuUrl']>().toEqualTypeOf<string[] | undefined>()
    expectTypeOf<SettingValues['sfuSecret']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<SettingValues['meshMax']>().toEqualTypeOf<number>()
    expect(Object.keys(settingDefaults()).sort()).toEqual(
      SETTING_KEYS.filter((key) => settingOf(key).default !== undefined).sort(),
    )
  })

  it('gives fresh lists, so no caller changes another default', () => {
    settingDefaults().allowedOrigins.push('https://evil.example')
    expect(settingDefaults().allowedOrigins).toEqual([])
  })

  it('is where createRendezvousServer takes its defaults from', () => {
    const resolved = resolveOptions({})
    expect(resolved).toMatchObject({
      port: SETTINGS.port.default,
      host: SETTINGS.host.libraryDefault,
      capacity: SETTINGS.capacity.default,
      resumeGraceMs: SETTINGS.resumeGraceMs.default,
      maxConnectionsPerAddress: SETTINGS.maxConnectionsPerAddress.default,
      trustedProxies: SETTINGS.trustedProxies.default,
      logLevel: SETTINGS.logLevel.default,
      metrics: {},
    })
    const turn = resolveOptions({ turn: { secret: 's', urls: ['turn:a'] } }).turn
    expect(turn?.ttlSeconds).toBe(SETTINGS.turnTtl.default)
    const sfu = resolveOptions({ sfu: { urls: ['ws://a'], secret: 's' } }).sfu
    expect(sfu?.meshMax).toBe(SETTINGS.meshMax.default)
  })
})
