/** What the call sends every member, from the local tracks. */
import type { LocalTracks } from './media-types.js'
import type { Outgoing } from './peer.js'

/** Nothing sent yet; the camera's tracks will go in `camera` (the device check's preview stream). */
export function nothingOut(camera: MediaStream): Outgoing {
  return { camera, audio: null, video: null, screen: null, screenVideo: null, screenAudio: null }
}

/**
 * `out` with `tracks` in it. The screen's tracks go in a stream of their own (its id names the
 * screen role), kept while it still holds every screen track, so a renegotiation is not needed.
 */
export function withTracks(out: Outgoing, tracks: LocalTracks): Outgoing {
  const screenTracks = [tracks.screen, tracks.screenAudio].filter((t) => t !== null)
  let screen = out.screen
  if (screenTracks.length === 0) screen = null
  else if (!screen || !screenTracks.every((t) => screen?.getTracks().includes(t))) {
    screen = new MediaStream(screenTracks)
  }
  return {
    ...out,
    audio: tracks.audio,
    video: tracks.video,
    screen,
    screenVideo: tracks.screen,
    screenAudio: tracks.screenAudio,
  }
}
