/**
 * createRendezvousServer's `sfu` option: its shape and checks, and the capacity it allows. Kept
 * beside options.ts, which re-exports the shapes: features import option shapes from there.
 */
import { LIMITS } from '../protocol/index.js'
import { isSfuUrl, repeatedUrlAt } from './settings/values.js'

/** The `sfu` option as given. */
export interface SfuOptions {
  urls: string[]
  secret: string
  meshMax?: number
}

/** The Janus instances rooms past a mesh move to, and when they move. */
export interface SfuConfig {
  /** `ws://` / `wss://` URLs of Janus's WebSocket transport, one per instance. */
  urls: string[]
  /** Janus's `api_secret`, the same on every instance. */
  secret: string
  /** Members a room has as a mesh; the next one to join moves it to an instance. */
  meshMax: number
}

/** Checks the SFU settings; errors name a bad URL but never the secret. */
export function resolveSfu(sfu: SfuOptions | undefined, defaultMeshMax: number): SfuConfig | null {
  if (!sfu) return null
  if (sfu.urls.length === 0) throw new RangeError('sfu.urls must list at least one URL')
  const bad = sfu.urls.find((url) => !isSfuUrl(url))
  if (bad !== undefined) throw new RangeError(`sfu.urls: "${bad}" is not a ws:// or wss:// URL`)
  const twice = repeatedUrlAt(sfu.urls)
  if (twice >= 0) throw new RangeError(`sfu.urls: "${sfu.urls[twice]}" is listed twice`)
  if (sfu.secret.length === 0) throw new RangeError('sfu.secret must not be empty')
  const meshMax = sfu.meshMax ?? defaultMeshMax
  if (!Number.isInteger(meshMax) || meshMax < 2 || meshMax > LIMITS.maxCapacity) {
    throw new RangeError(`sfu.meshMax must be an integer from 2 to ${LIMITS.maxCapacity}`)
  }
  return { urls: [...sfu.urls], secret: sfu.secret, meshMax }
}

/** A full mesh past LIMITS.maxCapacity is not usable: more needs an SFU to move to. */
export function resolveCapacity(capacity: number, withSfu: boolean): number {
  const most = withSfu ? LIMITS.sfuCapacityMax : LIMITS.maxCapacity
  if (!Number.isInteger(capacity) || capacity < 2 || capacity > most) {
    throw new RangeError(
      withSfu
        ? `capacity must be an integer from 2 to ${most} with sfu`
        : `capacity must be an integer from 2 to ${most} without sfu (up to ${LIMITS.sfuCapacityMax} with it)`,
    )
  }
  return capacity
}
