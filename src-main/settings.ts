// What the desktop app remembers, as one validated JSON file in userData (see settings-file.ts for
// how it is read and written). The renderer's part (`user`) crosses the bridge; the built-in
// server's and the window's parts stay in main.
import { z } from 'zod'
import { LIMITS } from '../protocol/index.js'
import type { UserSettings } from '../src-preload/bridge.js'
import { hostOptionsSchema } from './host.js'
import { httpOrigin } from './http-origin.js'
import { loadSettings, saveSettings, type SettingsFs } from './settings-file.js'
import { boundsSchema, type WindowBounds } from './window-state.js'

/** An http(s) origin exactly as URL#origin writes it (what the renderer stores), or ''. */
export const serverUrlSchema = z
  .string()
  .max(256)
  .refine((value) => value === '' || httpOrigin(value) === value, {
    message: 'must be an http(s) origin such as https://noom.example.org',
  })

const deviceIdSchema = z.string().min(1).max(512).nullable()

export const userSettingsSchema = z.strictObject({
  serverUrl: serverUrlSchema,
  nickname: z.string().max(LIMITS.nicknameMax),
  lastRoom: z.string().max(LIMITS.roomNameMax),
  devices: z.strictObject({
    audioInput: deviceIdSchema,
    videoInput: deviceIdSchema,
    audioOutput: deviceIdSchema,
  }),
  micOn: z.boolean(),
  cameraOn: z.boolean(),
  /** A BCP 47 tag such as 'en' or 'ko-KR'; the renderer falls back when it has no such language. */
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/)
    .nullable(),
  relayOnly: z.boolean(),
}) satisfies z.ZodType<UserSettings>

export const settingsFileSchema = z.strictObject({
  version: z.literal(1),
  user: userSettingsSchema,
  host: hostOptionsSchema,
  window: boundsSchema.nullable(),
})

export type HostSettings = z.output<typeof hostOptionsSchema>
export type SettingsFile = z.output<typeof settingsFileSchema>

/** Noom's usual port for the built-in server, so LAN addresses people were given keep working. */
export const DEFAULT_HOST_PORT = 47320

export const DEFAULT_SETTINGS: SettingsFile = {
  version: 1,
  user: {
    serverUrl: '',
    nickname: '',
    lastRoom: '',
    devices: { audioInput: null, videoInput: null, audioOutput: null },
    micOn: true,
    cameraOn: true,
    locale: null,
    relayOnly: false,
  },
  // Loopback until the user chooses to share on the LAN: hosting is opt-in, never a surprise.
  host: { port: DEFAULT_HOST_PORT, lan: false },
  window: null,
}

/**
 * The settings in memory, saved to disk after each change. Reads are synchronous (main answers
 * the renderer from memory); writes are serialised, and changes made while a write runs are
 * folded into one more write, so the file always ends with the latest value.
 */
export class SettingsService {
  #value: SettingsFile
  readonly #dir: string
  readonly #fs: SettingsFs | undefined
  readonly #onError: (error: unknown) => void
  #writing: Promise<void> | null = null
  #dirty = false

  private constructor(
    dir: string,
    value: SettingsFile,
    fs: SettingsFs | undefined,
    onError: (error: unknown) => void,
  ) {
    this.#dir = dir
    this.#value = value
    this.#fs = fs
    this.#onError = onError
  }

  /** Loads `dir/settings.json` (a corrupt one is moved aside and defaults are used). */
  static async open(
    dir: string,
    options: { fs?: SettingsFs; onError?: (error: unknown) => void } = {},
  ): Promise<SettingsService> {
    const value = await loadSettings(dir, settingsFileSchema, DEFAULT_SETTINGS, options.fs)
    return new SettingsService(dir, value, options.fs, options.onError ?? (() => {}))
  }

  get user(): UserSettings {
    return this.#value.user
  }
  get host(): HostSettings {
    return this.#value.host
  }
  get window(): WindowBounds | null {
    return this.#value.window
  }

  /** Replaces the renderer's settings; throws (changing nothing) when `value` is not valid. */
  setUser(value: unknown): UserSettings {
    const user = userSettingsSchema.parse(value)
    this.#update({ user })
    return user
  }

  setHost(value: unknown): HostSettings {
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
        try {
          await saveSettings(this.#dir, settingsFileSchema, this.#value, this.#fs)
        } catch (error) {
          // A full disk or a read-only profile: the settings still hold for this run.
          this.#onError(error)
        }
      }
    } finally {
      this.#writing = null
    }
  }
}
