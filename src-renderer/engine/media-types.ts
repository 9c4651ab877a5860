/**
 * The contract of local media (camera, microphone, screen) as the call engine and the stores use it.
 * Implemented by LocalMedia in engine/media/; no UI code.
 */

/** Why media could not be had, each with its own message for the user. */
export type MediaProblem =
  | 'permission-denied' // the user or the OS refused camera/microphone access
  | 'not-found' // no such device is connected
  | 'busy' // another app holds the device (NotReadableError)
  | 'insecure' // not a secure context: getUserMedia does not exist
  | 'overconstrained' // the chosen device cannot give what was asked
  | 'unknown'

export class MediaError extends Error {
  constructor(
    readonly problem: MediaProblem,
    readonly kind: 'audio' | 'video' | 'screen',
    message: string,
  ) {
    super(message)
    this.name = 'MediaError'
  }
}

/** Which camera, microphone and speaker (null: the system default), as the settings keep it. */
export type { DeviceChoice } from '../../contract/index.js'

/** What is being sent, as the call engine needs it to set its senders. */
export interface LocalTracks {
  audio: MediaStreamTrack | null
  video: MediaStreamTrack | null
  screen: MediaStreamTrack | null
  /** System audio shared with the screen, where the platform gives it (Windows loopback). */
  screenAudio: MediaStreamTrack | null
}

export interface LocalMediaEvents {
  /** A track object changed (device switch, camera off/on, screen start/stop): update senders. */
  tracks: (tracks: LocalTracks) => void
  /** The screen share ended from outside the app (the browser's or OS's "stop sharing"). */
  'screen-ended': () => void
  /** A device in use was unplugged; media fell back to the default device (or none). */
  'device-lost': (kind: 'audio' | 'video', label: string) => void
}

/** What the call needs of local media (LocalMedia in engine/media/ provides it). */
export interface LocalMediaPort {
  readonly preview: MediaStream
  readonly tracks: LocalTracks
  readonly micEnabled: boolean
  readonly cameraEnabled: boolean
  setMicEnabled(on: boolean): void
  setCameraEnabled(on: boolean): Promise<MediaError | null>
  startScreenShare(options?: { systemAudio?: boolean }): Promise<MediaError | null>
  stopScreenShare(): void
  stop(): void
  on<K extends keyof LocalMediaEvents>(event: K, listener: LocalMediaEvents[K]): () => void
}
