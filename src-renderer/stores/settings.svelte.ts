/**
 * What the app remembers between runs: server, name, last room, devices, join-muted choices,
 * language, relay-only. The shape and defaults are the desktop contract's (contract/settings.ts),
 * shared with main; in a browser they are kept in localStorage as JSON and read field by field
 * with the contract's schema, so a corrupt or foreign value costs only that field (it falls back to
 * its default).
 */
import { SvelteMap } from 'svelte/reactivity'
import {
  readUserSettings,
  type DeviceChoice,
  type Locale,
  type UserSettings,
} from '../../contract/index.js'

export type Settings = UserSettings

/** The part of Storage the store uses: localStorage, or a fake in tests. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>

export const SETTINGS_KEY = 'noom.settings'

/** The server that served this page, when it is a web server; '' under file:, app: and the like. */
export function pageServerUrl(location: Pick<Location, 'protocol' | 'origin'> | undefined): string {
  return location && (location.protocol === 'http:' || location.protocol === 'https:')
    ? location.origin
    : ''
}

export class SettingsStore {
  #value = $state.raw<Settings>(readUserSettings(null))
  #storage: SettingsStorage | null
  /** The built-in server's address, used while no server of the user's own is saved. */
  #fallbackServer = $state('')
  /** A server the user let in for one call only (a link, in main's dialog): used, never saved. */
  #callServer = $state('')
  /** Access keys of built-in servers by origin (this computer's, or one a link carried). */
  readonly #keys = new SvelteMap<string, string>()
  #saveProblem = $state<string | null>(null)

  constructor(storage: SettingsStorage | null) {
    this.#storage = storage
    this.#value = readUserSettings(this.#read())
  }

  /**
   * The server to use: one let in for this call only, else the saved one, else the fallback (this
   * computer's built-in server in the desktop app, the server that served the page in a browser),
   * else ''.
   */
  get serverUrl(): string {
    return this.#callServer || this.#value.serverUrl || this.#fallbackServer
  }

  /** The server in use is for this call only: it is not saved, and the next call goes back. */
  get callOnly(): boolean {
    return this.#callServer !== ''
  }

  /** Uses `server` for the next call without saving it ('' goes back to the saved one). */
  useForThisCall(server: string): void {
    this.#callServer = server
  }

  /** The access key to give `server` when connecting, if it has one. */
  accessKey(server: string): string | undefined {
    return this.#keys.get(server)
  }

  /** Remembers `server`'s access key for this run (never saved: a key lasts one run of its host). */
  setAccessKey(server: string, key: string): void {
    this.#keys.set(server, key)
  }

  /**
   * Sets the server used while none is saved: the desktop app's built-in one, whose address can
   * change between runs (its port may be taken), or the page's own. Choosing that address saves ''
   * ("this computer", "this server"), so the choice follows it wherever it listens next time.
   */
  setFallbackServer(url: string): void {
    this.#fallbackServer = url
  }
  get nickname(): string {
    return this.#value.nickname
  }
  get lastRoom(): string {
    return this.#value.lastRoom
  }
  get devices(): DeviceChoice {
    return this.#value.devices
  }
  get micOn(): boolean {
    return this.#value.micOn
  }
  get cameraOn(): boolean {
    return this.#value.cameraOn
  }
  get locale(): Locale | null {
    return this.#value.locale
  }
  get relayOnly(): boolean {
    return this.#value.relayOnly
  }
  /**
   * Why the last save failed (main's words: a full disk, a read-only profile; '' when there are
   * none), until the user dismisses it or a later save works; null when saved. The settings hold
   * for this run either way.
   */
  get saveProblem(): string | null {
    return this.#saveProblem
  }

  /** A write to the desktop app's settings file failed (`message`: main's words), or worked (null). */
  saveFailed(message: string | null): void {
    this.#saveProblem = message
  }

  dismissSaveProblem(): void {
    this.#saveProblem = null
  }

  /**
   * Switches to another storage (the desktop app's settings file, read before the app mounts)
   * and reads the settings from it.
   */
  useStorage(storage: SettingsStorage): void {
    this.#storage = storage
    this.#value = readUserSettings(this.#read())
  }

  /** Changes some settings and saves them; a value of the wrong shape is ignored (the field keeps its value). */
  update(patch: Partial<Settings>): void {
    if (patch.serverUrl !== undefined && this.#callServer !== '') {
      // The call-only server stays unsaved; choosing any other ends it.
      if (patch.serverUrl === this.#callServer)
        patch = { ...patch, serverUrl: this.#value.serverUrl }
      else this.#callServer = ''
    }
    const builtIn = this.#fallbackServer !== '' && patch.serverUrl === this.#fallbackServer
    if (builtIn) patch = { ...patch, serverUrl: '' }
    this.#value = readUserSettings({ ...this.#value, ...patch }, this.#value)
    try {
      this.#storage?.setItem(SETTINGS_KEY, JSON.stringify(this.#value))
    } catch {
      // Browser storage full or refused: the settings still hold for this run; say so.
      this.#saveProblem = ''
    }
  }

  #read(): unknown {
    try {
      const json = this.#storage?.getItem(SETTINGS_KEY)
      return json ? (JSON.parse(json) as unknown) : null
    } catch {
      return null
    }
  }
}

/**
 * Storage over the desktop app's settings file: reads answer from the copy main gave at start-up,
 * writes go to main in order (main validates them again, and answers once the file is written).
 * Each write's outcome goes to `onResult`: null when saved, else the rejection; the settings still
 * hold for this run.
 */
export function desktopSettingsStorage(
  saved: UserSettings,
  save: (settings: UserSettings) => Promise<void>,
  onResult: (error: unknown) => void = () => {},
): SettingsStorage {
  let json = JSON.stringify(saved)
  let queue = Promise.resolve()
  return {
    getItem: (key) => (key === SETTINGS_KEY ? json : null),
    setItem: (key, value) => {
      if (key !== SETTINGS_KEY) return
      json = value
      const settings = JSON.parse(value) as UserSettings
      queue = queue.then(() => save(settings)).then(() => onResult(null), onResult)
    },
  }
}
