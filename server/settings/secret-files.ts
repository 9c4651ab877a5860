/**
 * Secrets read from files (--secret-file, --turn-secret-file, --sfu-secret-file,
 * --metrics-token-file and their env vars), so they need not be on a command line that every user
 * of the machine can list. A file is read once at start; one trailing newline is dropped. A secret
 * given as a flag still works, with a warning.
 */
import type { ReadText } from './config-file.js'
import { describeSetting as describe, type Source } from './read.js'
import { SETTINGS, type SettingKey, type SettingValues } from '../settings-table.js'

/** Each secret and the setting naming the file that may hold it instead. */
export const SECRET_FILES = [
  ['secret', 'secretFile'],
  ['turnSecret', 'turnSecretFile'],
  ['sfuSecret', 'sfuSecretFile'],
  ['metricsToken', 'metricsTokenFile'],
] as const satisfies ReadonlyArray<readonly [SettingKey, SettingKey]>

export interface SecretsRead {
  values: SettingValues
  /** Lines for the log: secrets that came in a flag. */
  warnings: string[]
}

/** The settings with each secret file's content in place of its path, or what went wrong. */
export function readSecretFiles(
  values: SettingValues,
  sources: ReadonlyMap<SettingKey, Source>,
  read: ReadText,
): SecretsRead | { error: string } {
  const out: Record<string, unknown> = { ...values }
  const warnings: string[] = []
  for (const [key, fileKey] of SECRET_FILES) {
    const path = values[fileKey]
    if (path !== undefined) {
      if (values[key] !== undefined) {
        return { error: `give ${describe(key)} or ${describe(fileKey)}, not both` }
      }
      const secret = readSecret(fileKey, path, read)
      if (typeof secret !== 'string') return secret
      out[key] = secret
    } else if (sources.get(key)?.from === 'flag') {
      warnings.push(
        `--${SETTINGS[key].flag} was given on the command line, where other users of this machine ` +
          `can read it; prefer --${SETTINGS[fileKey].flag} or ${SETTINGS[key].env}`,
      )
    }
  }
  return { values: out as SettingValues, warnings }
}

function readSecret(fileKey: SettingKey, path: string, read: ReadText): string | { error: string } {
  const where = `${describe(fileKey)}: ${path}`
  let text: string
  try {
    text = read(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable'
    return { error: `${where}: cannot be read (${code === 'ENOENT' ? 'no such file' : code})` }
  }
  const secret = text.replace(/\r?\n$/, '')
  if (secret.trim() === '') return { error: `${where}: is empty` }
  const checked = SETTINGS.secret.parse.safeParse(secret)
  if (!checked.success) {
    return { error: `${where}: ${checked.error.issues[0]?.message ?? 'invalid'}` }
  }
  return secret
}
