/** The quality badge's words: its level and the figures behind it. */
import type { Quality } from '../engine/types.js'
import type { Translatable } from '../i18n/locale.js'

function figure(value: number | null, digits = 0): string {
  return value === null || !Number.isFinite(value) ? '?' : value.toFixed(digits)
}

/** The badge's level name and its round trip, loss and bitrate. */
export function qualityMessages(quality: Quality): { level: Translatable; details: Translatable } {
  return {
    level: { key: `quality.${quality.level}` },
    details: {
      key: 'quality.details',
      params: {
        rtt: figure(quality.rttMs),
        loss: figure(quality.lossPct, 1),
        bitrate: figure(quality.bitrateKbps),
      },
    },
  }
}
