// What the desktop app remembers, as one validated JSON file in userData (see settings-file.ts for
// how it is read and written). The renderer's part (`user`) crosses the bridge; the built-in
// server's and the window's parts stay in main.
import { z } from 'zod'
import {
  DEFAULT_HOST_OPTIONS,
  DEFAULT_USER_SETTINGS,
  hostOptionsSchema,
  userSettingsSchema,
  type HostOptions,
  type UserSettings,
} from '../contract/index.js'
import { mainStrings } from './main-strings.js'
import {
  loadSettings,
  saveFailure,
  saveSettings,
  type SaveFailure,
  type SettingsFs,
} from './settings-file.js'
import { boundsSchema, type WindowBounds } from './window-state.js'

export const settingsFileSchema = z.strictObject({
  version: z.literal(1),
  user: userSettingsSchema,
  host: hostOptionsSchema,
  window: boundsSchema.nullable(),
})

export type SettingsFile = z.output<typeof settingsFileSchema>

export const DEFAULT_SETTINGS: SettingsFile = {
  version: 1,
  user: DEFAULT_USER_SETTINGS,
  host: DEFAULT_HOST_OPTIONS,
  window: null,
}

/**
 * A settings save that did not reach the disk. Its message is the sentence the page shows the user
 * (in their language); the file system's own error is only the `cause`, and never crosses the bridge.
 */
export class SettingsSaveError extends Error {
  readonly failure: SaveFailure
  constructor(failure: SaveFailure, message: string, cause: unknown) {
    super(message, { cause })
    this.name = 'SettingsSaveError'
    this.failure = failure
  }
}

export interface SettingsServiceOptions {
  /** Defaults to node:fs/promises; tests pass a fake to inject faults. */
  fs?: SettingsFs
  /** Hears every failed write (to log it); the caller of `setUser` is told as well. */
  onError?: (error: unknown) => void
  /** The system's language (`app.getLocale()`), for failure messages when the user chose none. */
  systemLocale?: () => string
}

/** Someone waiting for the next write: `setUser`'s caller. */
interface Waiter {
  resolve: () => void
  reject: (error: SettingsSaveError) => void
}

/**
 * The settings in memory, saved to disk after each change. Reads are synchronous (main answers
 * the renderer from memory); writes are serialised, and changes made while a write runs are
 * folded into one more write, so the file always ends with the latest value.
 */
export class SettingsService {
  #value: SettingsFile
  readonly #dir: string
  readonly #options: SettingsServiceOptions
  #writing: Promise<void> | null = null
  #dirty = false
  /** Callers whose change is in memory but not yet in a write that has started. */
  #waiters: Waiter[] = []

  private constructor(dir: string, value: SettingsFile, options: SettingsServiceOptions) {
    this.#dir = dir
    this.#value = value
    this.#options = options
  }

  /** Loads `dir/settings.json` (a corrupt one is moved aside and defaults are used). */
  static async open(dir: string, options: SettingsServiceOptions = {}): Promise<SettingsService> {
    const value = await loadSettings(dir, settingsFileSchema, DEFAULT_SETTINGS, options.fs)
    return new SettingsService(dir, value, options)
  }

  get user(): UserSettings {
    return this.#value.user
  }
  get host(): HostOptions {
    return this.#value.host
  }
  get window(): WindowBounds | null {
    return this.#value.window
  }

  /**
   * Replaces the renderer's settings at once, and resolves when they are on disk. Rejects,
   * changing nothing, when `value` is not valid; rejects with a SettingsSaveError when the write
   * failed (the new settings still hold for this run, and a later write may yet save them).
   */
  setUser(value: unknown): Promise<UserSettings> {
    const parsed = userSettingsSchema.safeParse(value)
    if (!parsed.success) return Promise.reject(new Error('Invalid settings'))
    const user = parsed.data
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve: () => resolve(user), reject })
      this.#update({ user })
    })
  }

  setHost(value: unknown): HostOptions {
    const host = hostOptionsSchema.parse(value)
    this.#update({ host })
    return host
  }

  setWindow(value: WindowBounds): void {
    this.#update({ window: boundsSchema.parse(value) })
  }

  /** Resolves once everything changed so far is on disk (or its write failed and was reported). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing
  }

  #update(patch: Partial<SettingsFile>): void {
    this.#value = { ...this.#value, ...patch }
    this.#dirty = true
    this.#writing ??= this.#writeLoop()
  }

  async #writeLoop(): Promise<void> {
    try {
      while (this.#dirty) {
        this.#dirty = false
        // This write carries every change made so far, so it answers everyone waiting now.
        const waiters = this.#waiters
        this.#waiters = []
        const failed = await this.#write()
        for (const waiter of waiters) {
          if (failed) waiter.reject(failed)
          else waiter.resolve()
        }
      }
    } finally {
      this.#writing = null
    }
  }

  /** Writes the file; answers the error to hand the waiting callers, or null when it worked. */
  async #write(): Promise<SettingsSaveError | null> {
    try {
      await saveSettings(this.#dir, settingsFileSchema, this.#value, this.#options.fs)
      return null
    } catch (error) {
      // A full disk or a read-only profile: the settings still hold for this run.
      this.#options.onError?.(error)
      const failure = saveFailure(error)
      const locale = this.#value.user.locale ?? this.#options.systemLocale?.()
      return new SettingsSaveError(failure, mainStrings(locale).settingsNotSaved[failure], error)
    }
  }
}
