/**
 * The optional JSON config file (--config / NOOM_CONFIG): one object whose keys are the settings'
 * names in camelCase (`allowedOrigins`, `maxConnectionsPerAddress`, …). Its values are turned into the
 * strings a flag would give, so flags, env vars and the file are all checked by the same parsers of
 * the settings table.
 */
import { readFileSync } from 'node:fs'
import { SETTING_KEYS, settingOf, type SettingKey } from '../settings-table.js'

/** A config file's settings, ready for the table's parsers. */
export interface ConfigFile {
  path: string
  /** Each setting as a flag would give it: lists comma-joined, numbers and booleans as text. */
  values: Map<SettingKey, string>
  /** Each setting as written in the file (JSON), for error messages about non-secret settings. */
  written: Map<SettingKey, string>
}

export type ReadText = (path: string) => string

export const readTextFile: ReadText = (path) => readFileSync(path, 'utf8')

const isSettingKey = (key: string): key is SettingKey => (SETTING_KEYS as string[]).includes(key)

/**
 * Reads and checks the file's shape; every error starts with `config file <path>:`. A secret
 * setting's value is never quoted back.
 */
export function loadConfigFile(
  path: string,
  read: ReadText = readTextFile,
): ConfigFile | { error: string } {
  const where = `config file ${path}`
  let text: string
  try {
    text = read(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return { error: `${where}: cannot be read (${code === 'ENOENT' ? 'no such file' : code})` }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    // V8's message may quote the file, secrets included: keep only the position.
    return { error: `${where}: not valid JSON${jsonPosition(text, (err as Error).message)}` }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { error: `${where}: must hold one JSON object of settings` }
  }
  const file: ConfigFile = { path, values: new Map(), written: new Map() }
  for (const [key, value] of Object.entries(data)) {
    if (!isSettingKey(key)) return { error: `${where}: unknown setting "${key}"${suggest(key)}` }
    const asText = flagText(value)
    if (asText === null) {
      const got = settingOf(key).secret ? '' : ` (got ${JSON.stringify(value)})`
      return {
        error: `${where}: ${key}: must be a string, number, boolean or list of strings${got}`,
      }
    }
    file.values.set(key, asText)
    file.written.set(key, JSON.stringify(value))
  }
  return file
}

function flagText(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.join(',')
  }
  return null
}

/** Names the setting meant by a flag-style or env-style key, or lists the known ones. */
function suggest(key: string): string {
  const camel = key
    .replace(/^(--|NOOM_)/, '')
    .toLowerCase()
    .replace(/[-_]([a-z])/g, (_, c: string) => c.toUpperCase())
  if (isSettingKey(camel)) return ` (did you mean "${camel}"?)`
  return `; the settings are ${SETTING_KEYS.join(', ')}`
}

function jsonPosition(text: string, message: string): string {
  const match = /position (\d+)/.exec(message)
  if (!match) return ''
  const before = text.slice(0, Number(match[1])).split('\n')
  return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`
}
