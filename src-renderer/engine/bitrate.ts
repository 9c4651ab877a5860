/**
 * Upload caps for a mesh: every sender uploads once per peer, so per-peer caps shrink as the room
 * grows, keeping a full room within an upload budget a home connection can carry.
 */

/** Total camera upload across all peers, bits per second. */
const CAMERA_BUDGET = 2_400_000
/** One peer's camera never gets more than this (720p at a good quality) … */
const CAMERA_MAX = 1_500_000
/** … nor less than this (a usable 360p). */
const CAMERA_MIN = 250_000
/** Screens carry text: they get more, as a share is usually watched closely. */
const SCREEN_BUDGET = 3_000_000
const SCREEN_MAX = 2_500_000
const SCREEN_MIN = 500_000

export interface BitrateCaps {
  camera: number
  screen: number
}

/** Per-peer caps for a sender with `peers` remote members. */
export function bitrateCaps(peers: number): BitrateCaps {
  const n = Math.max(1, peers)
  return {
    camera: clamp(Math.round(CAMERA_BUDGET / n), CAMERA_MIN, CAMERA_MAX),
    screen: clamp(Math.round(SCREEN_BUDGET / n), SCREEN_MIN, SCREEN_MAX),
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
