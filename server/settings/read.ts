/**
 * Reads every setting from where it was given: flags win over env vars, env vars over the config
 * file, the file over the table's defaults. A bad value is named with where it came from; a secret
 * one is never quoted.
 */
import type { ConfigFile } from './config-file.js'
import {
  SETTING_KEYS,
  settingDefaults,
  settingOf,
  type SettingKey,
  type SettingValues,
} from '../settings-table.js'

/** Where a setting's value came from, for error messages. */
export type Source =
  { from: 'flag' } | { from: 'env'; name: string } | { from: 'file'; file: ConfigFile }

export interface GivenSettings {
  /** Parsed flags, by flag name (`trusted-proxies`); a bare boolean flag is `true`. */
  flags: Readonly<Record<string, string | boolean | undefined>>
  env: NodeJS.ProcessEnv
  file: ConfigFile | null
}

export interface ReadSettings {
  values: SettingValues
  /** Where each given setting came from; a setting left at its default has none. */
  sources: ReadonlyMap<SettingKey, Source>
}

export function readSettings(given: GivenSettings): ReadSettings | { error: string } {
  const values: Record<string, unknown> = settingDefaults()
  const sources = new Map<SettingKey, Source>()
  for (const key of SETTING_KEYS) {
    const found = find(key, given)
    if (!found) continue
    const result = settingOf(key).parse.safeParse(found.text)
    if (!result.success) return { error: describeIssue(key, result.error, found) }
    values[key] = result.data
    sources.set(key, found.source)
  }
  return { values: values as SettingValues, sources }
}

interface Found {
  text: string
  source: Source
}

/** The text a setting was given as, and where from; undefined when it was not given. */
function find(key: SettingKey, { flags, env, file }: GivenSettings): Found | undefined {
  const { flag, env: envName, envAliases = [] } = settingOf(key)
  const fromFlag = flags[flag]
  if (fromFlag !== undefined) {
    return { text: String(fromFlag), source: { from: 'flag' } }
  }
  const envFound = [envName, ...envAliases].find((name) => env[name] !== undefined)
  if (envFound !== undefined) {
    return { text: String(env[envFound]), source: { from: 'env', name: envFound } }
  }
  const fromFile = file?.values.get(key)
  if (file && fromFile !== undefined) {
    return { text: fromFile, source: { from: 'file', file } }
  }
  return undefined
}

function describeIssue(
  key: SettingKey,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  { text, source }: Found,
): string {
  const issue = error.issues[0]
  // An issue inside a URL list (path [index]) already quotes the bad entry.
  const quoted = (issue?.path.length ?? 0) > 0 || settingOf(key).secret
  const shown = source.from === 'file' ? source.file.written.get(key) : JSON.stringify(text)
  const got = quoted || shown === undefined ? '' : ` (got ${shown})`
  return `${where(key, source)}: ${issue?.message ?? 'invalid'}${got}`
}

function where(key: SettingKey, source: Source): string {
  const { flag, env } = settingOf(key)
  if (source.from === 'file') return `config file ${source.file.path}: ${key}`
  if (source.from === 'env') return `env ${source.name} (--${flag})`
  return `--${flag} (${env})`
}

/** How a setting is named in a message about settings that go together. */
export const describeSetting = (key: SettingKey) =>
  `--${settingOf(key).flag} (${settingOf(key).env})`
