/**
 * The local side of a call: microphone, camera and screen tracks, one stable preview stream, and
 * what happens when devices come and go. The call engine puts `tracks` on its senders with
 * replaceTrack, so nothing here needs a renegotiation.
 */
import { Emitter } from '../emitter.js'
import {
  MediaError,
  type DeviceChoice,
  type LocalMediaEvents,
  type LocalTracks,
} from '../media-types.js'
import {
  captureInput,
  captureInputs,
  captureScreen,
  chosenDevice,
  type Capture,
  type InputKind,
} from './capture.js'

/** What to open, and which devices (null: the system default). */
export interface StartOptions {
  audio: boolean
  video: boolean
  devices: DeviceChoice
}

/** Per kind: null when it worked (or was not asked), else why not. */
export interface StartResult {
  audio: MediaError | null
  video: MediaError | null
}

const NO_TRACKS: LocalTracks = { audio: null, video: null, screen: null, screenAudio: null }

/** Camera, microphone and screen for one session. `stop()` is final: a new session makes a new one. */
export class LocalMedia {
  readonly #events = new Emitter<LocalMediaEvents>()
  readonly #devices: MediaDevices | null
  readonly #preview = new MediaStream()
  #tracks: LocalTracks = NO_TRACKS
  #choice: DeviceChoice = { audioInput: null, videoInput: null, audioOutput: null }
  /** Applies to every microphone track we open, so a muted mic stays muted across a switch. */
  #micWanted = true
  /** Device work runs one step at a time: a switch never races a camera toggle or a fallback. */
  #queue: Promise<unknown> = Promise.resolve()
  #stopped = false

  /** `devices`: navigator.mediaDevices, which is missing outside a secure context (null: none). */
  constructor(devices: MediaDevices | null = navigator.mediaDevices ?? null) {
    this.#devices = devices
    devices?.addEventListener('devicechange', this.#onDeviceChange)
  }

  /** Listens to `tracks`, `screen-ended` and `device-lost`; returns the unsubscribe function. */
  on<K extends keyof LocalMediaEvents>(event: K, listener: LocalMediaEvents[K]): () => void {
    return this.#events.on(event, listener)
  }

  /** Microphone and camera tracks (never the screen): the same object for the whole session. */
  get preview(): MediaStream {
    return this.#preview
  }
  get tracks(): LocalTracks {
    return { ...this.#tracks }
  }
  /** A microphone track exists and is not muted. */
  get micEnabled(): boolean {
    return this.#tracks.audio?.enabled ?? false
  }
  /** A camera track exists (off means stopped, not just hidden). */
  get cameraEnabled(): boolean {
    return this.#tracks.video !== null
  }

  /** Opens what is asked and not open yet (so calling it again retries what failed). Never throws. */
  start(options: StartOptions): Promise<StartResult> {
    return this.#serial(async () => {
      this.#choice = { ...options.devices }
      const ask = {
        audio: options.audio && !this.#tracks.audio,
        video: options.video && !this.#tracks.video,
      }
      const got = await captureInputs(this.#devices, ask, this.#choice)
      const result = {
        audio: this.#adopt('audio', got.audio),
        video: this.#adopt('video', got.video),
      }
      if (got.audio?.track || got.video?.track) this.#emitTracks()
      return result
    })
  }

  /** Mutes by `track.enabled`: instant, and the sender keeps its track. Opens the mic if there is none. */
  setMicEnabled(on: boolean): Promise<MediaError | null> {
    this.#micWanted = on
    const track = this.#tracks.audio
    if (track) track.enabled = on
    if (track || !on) return Promise.resolve(null)
    return this.#serial(() => this.#open('audio'))
  }

  /** Off stops the camera (its light goes off); on opens the chosen camera again. */
  setCameraEnabled(on: boolean): Promise<MediaError | null> {
    return this.#serial(async () => {
      if (on) return this.#open('video')
      if (this.#tracks.video) {
        this.#replace('video', null)
        this.#emitTracks()
      }
      return null
    })
  }

  /**
   * Opens `deviceId`, then stops the old track. With nothing open of that kind (camera off), only
   * the choice changes. A failed switch keeps the old device and choice.
   */
  switchDevice(kind: InputKind, deviceId: string): Promise<MediaError | null> {
    return this.#serial(async () => {
      if (!this.#tracks[kind]) {
        this.#setChoice(kind, deviceId)
        return null
      }
      const capture = await captureInput(this.#devices, kind, deviceId, false)
      const error = this.#adopt(kind, capture)
      if (error) return error
      this.#setChoice(kind, deviceId)
      this.#emitTracks()
      return null
    })
  }

  /** Shares a screen (replacing an earlier share); system audio only when asked. */
  startScreenShare(options: { systemAudio?: boolean } = {}): Promise<MediaError | null> {
    return this.#serial(async () => {
      const capture = await captureScreen(this.#devices, options.systemAudio ?? false)
      if (capture instanceof MediaError) return capture
      if (this.#stopped) {
        capture.video.stop()
        capture.audio?.stop()
        return null
      }
      this.#dropScreen()
      // Text and edges stay sharp: under load the encoder drops frames rather than resolution.
      capture.video.contentHint = 'detail'
      capture.video.addEventListener('ended', this.#onScreenEnded)
      this.#tracks = { ...this.#tracks, screen: capture.video, screenAudio: capture.audio }
      this.#emitTracks()
      return null
    })
  }

  stopScreenShare(): void {
    if (!this.#tracks.screen) return
    this.#dropScreen()
    this.#emitTracks()
  }

  /** Stops every track and listens to nothing more. */
  stop(): void {
    this.#stopped = true
    this.#devices?.removeEventListener('devicechange', this.#onDeviceChange)
    this.#dropScreen()
    this.#replace('audio', null)
    this.#replace('video', null)
    this.#events.clear()
  }

  #serial<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(step)
    this.#queue = next.catch(() => undefined)
    return next
  }

  #emitTracks(): void {
    this.#events.emit('tracks', this.tracks)
  }

  #setChoice(kind: InputKind, deviceId: string | null): void {
    const key = kind === 'audio' ? 'audioInput' : 'videoInput'
    this.#choice = { ...this.#choice, [key]: deviceId }
  }

  /** Opens the chosen device of `kind` unless one is open already. */
  async #open(kind: InputKind): Promise<MediaError | null> {
    if (this.#tracks[kind]) return null
    const capture = await captureInput(this.#devices, kind, chosenDevice(this.#choice, kind), true)
    const error = this.#adopt(kind, capture)
    if (!error) this.#emitTracks()
    return error
  }

  /** Makes a fresh capture the current track of its kind; returns the error of a failed one. */
  #adopt(kind: InputKind, capture: Capture | null): MediaError | null {
    if (!capture) return null
    if (capture.error) return capture.error
    // stop() may have come while the device was opening: nobody wants this track now.
    if (this.#stopped) capture.track.stop()
    else this.#replace(kind, capture.track)
    return null
  }

  /** Swaps the track of `kind` inside the preview and stops the old one. */
  #replace(kind: InputKind, track: MediaStreamTrack | null): void {
    const old = this.#tracks[kind]
    if (old) {
      old.removeEventListener('ended', this.#onInputEnded)
      this.#preview.removeTrack(old)
      old.stop()
    }
    if (track) {
      if (kind === 'audio') track.enabled = this.#micWanted
      track.addEventListener('ended', this.#onInputEnded)
      this.#preview.addTrack(track)
    }
    this.#tracks = { ...this.#tracks, [kind]: track }
  }

  #dropScreen(): void {
    const { screen, screenAudio } = this.#tracks
    screen?.removeEventListener('ended', this.#onScreenEnded)
    screen?.stop()
    screenAudio?.stop()
    this.#tracks = { ...this.#tracks, screen: null, screenAudio: null }
  }

  // `track.stop()` never fires 'ended', so these run only when something outside the app ended a
  // track: an unplugged device, a revoked permission, the browser's or OS's "stop sharing".
  readonly #onScreenEnded = (event: Event): void => {
    if (event.target !== this.#tracks.screen) return
    this.#dropScreen()
    this.#events.emit('screen-ended')
    this.#emitTracks()
  }

  readonly #onInputEnded = (event: Event): void => {
    const track = event.target as MediaStreamTrack
    const kind = track.kind === 'audio' ? 'audio' : 'video'
    void this.#serial(() => this.#recover(kind, track))
  }

  readonly #onDeviceChange = (): void => {
    void this.#serial(() => this.#checkDevices())
  }

  /** After a devicechange: any open track whose device is gone (or whose track ended) recovers. */
  async #checkDevices(): Promise<void> {
    const devices = this.#devices
    if (!devices || this.#stopped) return
    const present = await devices.enumerateDevices().catch(() => [])
    for (const kind of ['audio', 'video'] as const) {
      const track = this.#tracks[kind]
      if (!track) continue
      const ids = present.filter((d) => d.kind === `${kind}input`).map((d) => d.deviceId)
      // Without permission the browser hides ids (''): that says nothing about our device.
      const idsKnown = ids.length > 0 && !ids.includes('')
      const id = track.getSettings().deviceId
      if (track.readyState === 'ended' || (idsKnown && id !== undefined && !ids.includes(id))) {
        await this.#recover(kind, track)
      }
    }
  }

  /** Falls back to the default device of `kind` (or none) when `lost` is still the current track. */
  async #recover(kind: InputKind, lost: MediaStreamTrack): Promise<void> {
    if (this.#stopped || this.#tracks[kind] !== lost) return
    this.#replace(kind, null)
    const capture = await captureInput(this.#devices, kind, null, false)
    this.#adopt(kind, capture)
    this.#events.emit('device-lost', kind, lost.label)
    this.#emitTracks()
  }
}
