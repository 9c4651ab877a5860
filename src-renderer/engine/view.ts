/**
 * Sending each member no more camera than they show. A receiver tells the sender how large its tile
 * of the sender's camera is (`{ view }`, docs/protocol.md); the sender scales that connection's
 * encoding down to it, and stops it while the tile is not shown. In a mesh every sender encodes
 * once per peer, so a 720p camera in four 640 × 280 tiles is four 720p encodes for nothing: scaled,
 * the same machine keeps its frame rate.
 */
import type { ViewSize } from '../../protocol/index.js'

/** Scale-down steps: coarse, so a tile resized by a few pixels does not reconfigure the encoder. */
const STEPS = [1, 1.25, 1.5, 2, 2.5, 3, 4, 6, 8] as const

export interface CameraEncoding {
  /** RTCRtpEncodingParameters.scaleResolutionDownBy. */
  scale: number
  /** False: nothing is sent (the receiver does not show the camera). */
  active: boolean
}

export const FULL: CameraEncoding = { scale: 1, active: true }

/**
 * The encoding for a camera of `source` size shown at `shown` (null: not shown; undefined: not
 * told yet, so the whole picture). Tiles crop the video to fill them (object-fit: cover), so the
 * picture is shown at the larger of the two ratios; the step chosen never encodes less than that.
 */
export function cameraEncoding(
  source: ViewSize | null,
  shown: ViewSize | null | undefined,
): CameraEncoding {
  if (shown === null) return { scale: 1, active: false }
  if (!shown || !source) return FULL
  const most = Math.min(source.width / shown.width, source.height / shown.height)
  const scale = STEPS.findLast((step) => step <= most) ?? 1
  return { scale, active: true }
}

/** A video track's size as it is being captured, if it says. */
export function trackSize(track: MediaStreamTrack | null | undefined): ViewSize | null {
  const { width, height } = track?.getSettings() ?? {}
  return width && height ? { width, height } : null
}
