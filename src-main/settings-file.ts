// Settings live as one JSON file in userData. Two promises: a bad file never stops the app (it is
// moved aside and defaults are used, so the user can still recover it), and a crash mid-save never
// leaves half a file (writes go to a temp file that is renamed over the old one).
import { randomUUID } from 'node:crypto'
import * as nodeFs from 'node:fs/promises'
import { join } from 'node:path'
import type { z } from 'zod'

/** The file name inside the settings directory. */
export const SETTINGS_FILE = 'settings.json'

/** The part of node:fs/promises these functions use; tests may pass a wrapper to inject faults. */
export interface SettingsFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>
  writeFile(
    path: string,
    data: string,
    options: { encoding: 'utf8'; flush: boolean },
  ): Promise<void>
  rename(from: string, to: string): Promise<void>
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  rm(path: string, options: { force: true }): Promise<void>
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}

/** `settings.corrupt-<timestamp>.json`; the timestamp avoids ':' so the name is valid on Windows. */
export function corruptFileName(now: Date): string {
  return `settings.corrupt-${now.toISOString().replace(/[:.]/g, '-')}.json`
}

/**
 * Reads `dir/settings.json` and returns it parsed by `schema`. A missing file gives (a copy of)
 * `defaults`. A file that is not JSON or fails the schema is renamed to
 * `settings.corrupt-<timestamp>.json` beside it and defaults are returned. Other read errors
 * (permissions, I/O) are thrown: the file may be fine and must not be moved for them. So is a
 * failure to move a bad file aside, rather than overwrite it later with defaults.
 */
export async function loadSettings<S extends z.ZodType>(
  dir: string,
  schema: S,
  defaults: z.output<S>,
  fs: SettingsFs = nodeFs,
  now: () => Date = () => new Date(),
): Promise<z.output<S>> {
  const path = join(dir, SETTINGS_FILE)
  let text: string
  try {
    text = await fs.readFile(path, 'utf8')
  } catch (error) {
    if (isNotFound(error)) return structuredClone(defaults)
    throw error
  }
  const parsed = schema.safeParse(parseJson(text))
  if (parsed.success) return parsed.data
  await fs.rename(path, join(dir, corruptFileName(now())))
  return structuredClone(defaults)
}

/** JSON.parse that answers undefined (which no settings schema accepts) instead of throwing. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/**
 * Validates `value` with `schema` (throwing if it fails, so nothing is written that the next
 * load would move aside) and writes it to `dir/settings.json` atomically: the JSON goes to a
 * temp file in the same directory, is flushed, and is renamed over the old file. On failure the
 * temp file is removed and the old settings stay as they were.
 */
export async function saveSettings<S extends z.ZodType>(
  dir: string,
  schema: S,
  value: z.input<S>,
  fs: SettingsFs = nodeFs,
): Promise<void> {
  const data = `${JSON.stringify(schema.parse(value), null, 2)}\n`
  await fs.mkdir(dir, { recursive: true })
  // Same directory, so the rename stays on one file system and is atomic; the random part keeps
  // two overlapping saves from writing the same temp file.
  const temp = join(dir, `${SETTINGS_FILE}.${process.pid}.${randomUUID()}.tmp`)
  try {
    await fs.writeFile(temp, data, { encoding: 'utf8', flush: true })
    await fs.rename(temp, join(dir, SETTINGS_FILE))
  } catch (error) {
    await fs.rm(temp, { force: true })
    throw error
  }
}

/** Why a save failed, as far as the user can do something about it. */
export type SaveFailure = 'disk-full' | 'read-only' | 'not-allowed' | 'other'

/**
 * The kind of a failed save, from the error's errno code. A used-up disk quota (EDQUOT) is a full
 * disk as far as this user can tell.
 */
export function saveFailure(error: unknown): SaveFailure {
  const code = error instanceof Error && 'code' in error ? error.code : undefined
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full'
    case 'EROFS':
      return 'read-only'
    case 'EACCES':
    case 'EPERM':
      return 'not-allowed'
    default:
      return 'other'
  }
}
