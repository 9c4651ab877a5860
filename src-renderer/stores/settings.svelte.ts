/**
 * What the app remembers between runs: server, name, last room, devices, join-muted choices,
 * language, relay-only. Kept in localStorage as JSON and validated field by field when read, so a
 * corrupt or foreign value costs only that field (it falls back to its default).
 */
import { LIMITS } from '../../protocol/limits.js'
import type { UserSettings } from '../../contract/index.js'
import type { DeviceChoice } from '../engine/media-types.js'
import { isLocale, type Locale } from '../i18n/locale.js'
import { parseServerUrl } from '../lib/validate.js'

export interface Settings {
  /** Rendezvous server, http(s)://host[:port]; '' when none is known yet. */
  serverUrl: string
  nickname: string
  lastRoom: string
  devices: DeviceChoice
  /** Microphone and camera on when joining. */
  micOn: boolean
  cameraOn: boolean
  /** The user's language choice; null follows the system language. */
  locale: Locale | null
  /** Send media only through TURN relays (hides the IP address from peers). */
  relayOnly: boolean
}

/** The part of Storage the store uses: localStorage, or a fake in tests. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>

export const SETTINGS_KEY = 'noom.settings'

/** The server that served this page, when it is a web server; '' under file:, app: and the like. */
export function pageServerUrl(location: Pick<Location, 'protocol' | 'origin'> | undefined): string {
  return location && (location.protocol === 'http:' || location.protocol === 'https:')
    ? location.origin
    : ''
}

export function defaultSettings(serverUrl = ''): Settings {
  return {
    serverUrl,
    nickname: '',
    lastRoom: '',
    devices: { audioInput: null, videoInput: null, audioOutput: null },
    micOn: true,
    cameraOn: true,
    locale: null,
    relayOnly: false,
  }
}

function text(value: unknown, max: number, fallback: string): string {
  return typeof value === 'string' && value.length <= max ? value : fallback
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback
}

function deviceId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 512 ? value : null
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** Settings from whatever was stored: each field kept only when it has the right shape. */
export function validateSettings(stored: unknown, defaults: Settings): Settings {
  const raw = record(stored)
  const devices = record(raw['devices'])
  const server = raw['serverUrl']
  return {
    serverUrl:
      typeof server === 'string' && (server === '' || parseServerUrl(server) === server)
        ? server
        : defaults.serverUrl,
    nickname: text(raw['nickname'], LIMITS.nicknameMax, defaults.nickname),
    lastRoom: text(raw['lastRoom'], LIMITS.roomNameMax, defaults.lastRoom),
    devices: {
      audioInput: deviceId(devices['audioInput']),
      videoInput: deviceId(devices['videoInput']),
      audioOutput: deviceId(devices['audioOutput']),
    },
    micOn: flag(raw['micOn'], defaults.micOn),
    cameraOn: flag(raw['cameraOn'], defaults.cameraOn),
    locale: isLocale(raw['locale']) ? raw['locale'] : defaults.locale,
    relayOnly: flag(raw['relayOnly'], defaults.relayOnly),
  }
}

export class SettingsStore {
  #value = $state.raw<Settings>(defaultSettings())
  #storage: SettingsStorage | null
  #defaults: Settings
  /** The built-in server's address, used while no server of the user's own is saved. */
  #fallbackServer = $state('')
  #saveProblem = $state<string | null>(null)

  constructor(storage: SettingsStorage | null, defaults: Settings = defaultSettings()) {
    this.#storage = storage
    this.#defaults = defaults
    this.#value = validateSettings(this.#read(), defaults)
  }

  /** The server to use: the saved one, else this computer's built-in server (desktop), else ''. */
  get serverUrl(): string {
    return this.#value.serverUrl || this.#fallbackServer
  }

  /**
   * Sets the server used while none is saved: the desktop app's built-in one, whose address can
   * change between runs (its port may be taken). Choosing that address saves '' ("this
   * computer"), so the choice follows the built-in server wherever it listens next time.
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
  useStorage(storage: SettingsStorage, defaults: Settings = this.#defaults): void {
    this.#storage = storage
    this.#defaults = defaults
    this.#value = validateSettings(this.#read(), defaults)
  }

  /** Changes some settings and saves them; values of the wrong shape are replaced by defaults. */
  update(patch: Partial<Settings>): void {
    const builtIn = this.#fallbackServer !== '' && patch.serverUrl === this.#fallbackServer
    if (builtIn) patch = { ...patch, serverUrl: '' }
    this.#value = validateSettings({ ...this.#value, ...patch }, this.#defaults)
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
