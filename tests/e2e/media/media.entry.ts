/**
 * Bundled by engine-harness.ts into a blank 127.0.0.1 page: puts the media engine on `window` for
 * tests/e2e/media.spec.ts. (The DOM lib reference is needed because tsconfig.node.json, which
 * type-checks tests/, has no DOM types; this file runs in the browser.)
 */
import { AudioLevel } from '../../../src-renderer/engine/media/audio-level.js'
import {
  listDevices,
  setSpeaker,
  supportsSpeakerSelection,
} from '../../../src-renderer/engine/media/devices.js'
import { LocalMedia } from '../../../src-renderer/engine/media/local-media.js'

const media = { LocalMedia, AudioLevel, listDevices, setSpeaker, supportsSpeakerSelection }

/** What the spec finds on `window.media`. */
export type MediaEngine = typeof media

declare global {
  interface Window {
    media: MediaEngine
  }
}

window.media = media
