/**
 * The settings the page keeps (server, name, last room, devices, join muted, language, relay-only):
 * one shape and one set of defaults for main, which saves them in its settings file, and for the
 * renderer, which keeps them in localStorage in a plain browser.
 */
import { z } from 'zod'
import { LIMITS } from '../protocol/limits.js'
import { localeSchema } from './locales.js'
import { serverUrlSchema } from './server-url.js'

/** A device id as `enumerateDevices` gives it, or null for the system's default device. */
const deviceIdSchema = z.string().min(1).max(512).nullable()

export const deviceChoiceSchema = z.strictObject({
  audioInput: deviceIdSchema,
  videoInput: deviceIdSchema,
  audioOutput: deviceIdSchema,
})

export const userSettingsSchema = z.strictObject({
  /** The rendezvous server's origin; '' when the user chose none (see DEFAULT_USER_SETTINGS). */
  serverUrl: serverUrlSchema,
  nickname: z.string().max(LIMITS.nicknameMax),
  lastRoom: z.string().max(LIMITS.roomNameMax),
  devices: deviceChoiceSchema,
  /** Microphone and camera on when joining. */
  micOn: z.boolean(),
  cameraOn: z.boolean(),
  /** A language Noom speaks, or null to follow the system's language. */
  locale: localeSchema.nullable(),
  /** Send media only through TURN relays (hides the IP address from peers). */
  relayOnly: z.boolean(),
})

export type UserSettings = z.infer<typeof userSettingsSchema>
export type DeviceChoice = z.infer<typeof deviceChoiceSchema>

/**
 * What a new user starts with. `serverUrl: ''` means "no server of my own": the desktop app uses its
 * built-in server, a page in a browser the server that served it. Neither address is stable enough
 * to save (the built-in server's port may change between runs), so it is decided at run time.
 */
export const DEFAULT_USER_SETTINGS: UserSettings = Object.freeze({
  serverUrl: '',
  nickname: '',
  lastRoom: '',
  devices: Object.freeze({ audioInput: null, videoInput: null, audioOutput: null }),
  micOn: true,
  cameraOn: true,
  locale: null,
  relayOnly: false,
})

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** `value` when `schema` accepts it, else `fallback`. */
function field<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value)
  return parsed.success ? parsed.data : fallback
}

/**
 * Settings from whatever was stored (a localStorage value, an older copy): each field is checked
 * with userSettingsSchema on its own, so a bad or missing one costs only itself and falls back to
 * its default; unknown keys are dropped.
 */
export function readUserSettings(
  stored: unknown,
  defaults: UserSettings = DEFAULT_USER_SETTINGS,
): UserSettings {
  const raw = record(stored)
  const devices = record(raw['devices'])
  const shape = userSettingsSchema.shape
  const device = deviceChoiceSchema.shape
  return {
    serverUrl: field(shape.serverUrl, raw['serverUrl'], defaults.serverUrl),
    nickname: field(shape.nickname, raw['nickname'], defaults.nickname),
    lastRoom: field(shape.lastRoom, raw['lastRoom'], defaults.lastRoom),
    devices: {
      audioInput: field(device.audioInput, devices['audioInput'], defaults.devices.audioInput),
      videoInput: field(device.videoInput, devices['videoInput'], defaults.devices.videoInput),
      audioOutput: field(device.audioOutput, devices['audioOutput'], defaults.devices.audioOutput),
    },
    micOn: field(shape.micOn, raw['micOn'], defaults.micOn),
    cameraOn: field(shape.cameraOn, raw['cameraOn'], defaults.cameraOn),
    locale: field(shape.locale, raw['locale'], defaults.locale),
    relayOnly: field(shape.relayOnly, raw['relayOnly'], defaults.relayOnly),
  }
}
