/**
 * The device check before a call: device lists, the chosen devices, the self-view, a mic meter and
 * what went wrong per kind. It drives a LocalMedia that the call takes over afterwards, so `stop()`
 * here stops only the meter and the listeners.
 */
import { createSubscriber } from 'svelte/reactivity'
import type { DeviceChoice, MediaError, MediaProblem } from '../engine/media-types.js'
import type { LocalMedia } from '../engine/media/local-media.js'
import { AudioLevel } from '../engine/media/audio-level.js'
import {
  listDevices,
  supportsSpeakerSelection,
  type DeviceInfo,
  type DeviceLists,
} from '../engine/media/devices.js'

/** What the store uses of LocalMedia (tests pass a fake). */
export type DeviceCheckMedia = Pick<
  LocalMedia,
  'start' | 'setMicEnabled' | 'setCameraEnabled' | 'switchDevice' | 'on' | 'preview' | 'tracks'
>

/** What the store uses of AudioLevel. */
export type LevelMeter = Pick<AudioLevel, 'onChange' | 'close'>

/** Browser services, replaceable in tests. */
export interface DevicesStoreDeps {
  listDevices?: () => Promise<DeviceLists>
  createMeter?: (stream: MediaStream) => LevelMeter
  supportsSpeakerSelection?: () => boolean
  /** Where 'devicechange' comes from; undefined outside a secure context. */
  mediaDevices?: Pick<MediaDevices, 'addEventListener' | 'removeEventListener'> | undefined
}

export type DeviceKind = keyof DeviceChoice
export type DeviceCheckStatus = 'idle' | 'starting' | 'ready'
export interface MediaProblems {
  audio: MediaProblem | null
  video: MediaProblem | null
}

export class DevicesStore {
  #cameras = $state.raw<DeviceInfo[]>([])
  #microphones = $state.raw<DeviceInfo[]>([])
  #speakers = $state.raw<DeviceInfo[]>([])
  #choice = $state.raw<DeviceChoice>({ audioInput: null, videoInput: null, audioOutput: null })
  /** The devices actually open, which the pickers show when the choice is the default (null). */
  #inUse = $state.raw<{ audioInput: string | null; videoInput: string | null }>({
    audioInput: null,
    videoInput: null,
  })
  #level = $state(0)
  #problems = $state.raw<MediaProblems>({ audio: null, video: null })
  #micOn = $state(false)
  #cameraOn = $state(false)
  #status = $state<DeviceCheckStatus>('idle')
  readonly #media: DeviceCheckMedia
  readonly #onChoice: (choice: DeviceChoice) => void
  readonly #deps: Required<Omit<DevicesStoreDeps, 'mediaDevices'>> &
    Pick<DevicesStoreDeps, 'mediaDevices'>
  /** What the user asked for; `micOn`/`cameraOn` say what is actually on. */
  #wanted = { mic: true, camera: true }
  #meter: { track: MediaStreamTrack; meter: LevelMeter } | null = null
  #unsubscribe: (() => void) | null = null
  /**
   * The meter runs only while something on screen reads `level` (the device check, the devices
   * dialog): in a call its AudioContext and sampling would cost CPU for nobody.
   */
  #levelShown = false
  readonly #watchLevel = createSubscriber(() => {
    this.#levelShown = true
    this.#syncMeter()
    return () => {
      this.#levelShown = false
      this.#syncMeter()
    }
  })

  /** `onChoice` saves a device the user picked (settings persistence lives elsewhere). */
  constructor(
    media: DeviceCheckMedia,
    choice: DeviceChoice,
    onChoice: (choice: DeviceChoice) => void,
    deps: DevicesStoreDeps = {},
  ) {
    this.#media = media
    this.#choice = { ...choice }
    this.#onChoice = onChoice
    this.#deps = {
      listDevices: deps.listDevices ?? (() => listDevices()),
      createMeter: deps.createMeter ?? ((stream) => new AudioLevel(stream)),
      supportsSpeakerSelection: deps.supportsSpeakerSelection ?? supportsSpeakerSelection,
      mediaDevices: 'mediaDevices' in deps ? deps.mediaDevices : navigator.mediaDevices,
    }
  }

  get cameras(): DeviceInfo[] {
    return this.#cameras
  }
  get microphones(): DeviceInfo[] {
    return this.#microphones
  }
  get speakers(): DeviceInfo[] {
    return this.#speakers
  }
  /** The saved choice, with the device actually open in place of "default" (null). */
  get choice(): DeviceChoice {
    return {
      audioInput: this.#choice.audioInput ?? this.#inUse.audioInput,
      videoInput: this.#choice.videoInput ?? this.#inUse.videoInput,
      audioOutput: this.#choice.audioOutput,
    }
  }
  /** Microphone and camera, for the self-view: the same stream object throughout. */
  get preview(): MediaStream {
    return this.#media.preview
  }
  /** Microphone level, 0..1 (0 while muted); measured while an effect (the UI) reads it. */
  get level(): number {
    this.#watchLevel()
    return this.#level
  }
  get problems(): MediaProblems {
    return this.#problems
  }
  get micOn(): boolean {
    return this.#micOn
  }
  get cameraOn(): boolean {
    return this.#cameraOn
  }
  get speakerSelectable(): boolean {
    return this.#deps.supportsSpeakerSelection()
  }
  get status(): DeviceCheckStatus {
    return this.#status
  }

  /**
   * Opens the microphone (even when it starts muted, so unmuting is instant and problems show now)
   * and the camera when `cameraOn`, then lists devices: labels appear once permission is granted.
   */
  async start({ micOn, cameraOn }: { micOn: boolean; cameraOn: boolean }): Promise<void> {
    this.#wanted = { mic: micOn, camera: cameraOn }
    this.#status = 'starting'
    this.#listen()
    const result = await this.#media.start({ audio: true, video: cameraOn, devices: this.#choice })
    await this.#media.setMicEnabled(micOn)
    this.#problems = { audio: problemOf(result.audio), video: problemOf(result.video) }
    this.#sync()
    await this.#refreshDevices()
    this.#status = 'ready'
  }

  /** Tries again what failed, after the user fixed a permission or closed the app holding a device. */
  retry(): Promise<void> {
    return this.start({ micOn: this.#wanted.mic, cameraOn: this.#wanted.camera })
  }

  /** Switches to a device and saves the choice; a device that fails shows as a problem instead. */
  async choose(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audioOutput') {
      this.#save({ ...this.#choice, audioOutput: deviceId })
      return
    }
    const mediaKind = kind === 'audioInput' ? 'audio' : 'video'
    const error = await this.#media.switchDevice(mediaKind, deviceId)
    this.#setProblem(mediaKind, problemOf(error))
    if (error) return
    this.#save({ ...this.#choice, [kind]: deviceId })
    // Nothing was open to switch (it had failed before): open the new choice now if it is wanted.
    const wanted = mediaKind === 'audio' || this.#wanted.camera
    if (wanted && !this.#media.tracks[mediaKind]) await this.retry()
    this.#sync()
  }

  async setMicOn(on: boolean): Promise<void> {
    this.#wanted = { ...this.#wanted, mic: on }
    const error = await this.#media.setMicEnabled(on)
    if (error || on) this.#setProblem('audio', problemOf(error))
    this.#sync()
  }

  async setCameraOn(on: boolean): Promise<void> {
    this.#wanted = { ...this.#wanted, camera: on }
    // A camera the user turned off has no problem worth showing any more.
    this.#setProblem('video', problemOf(await this.#media.setCameraEnabled(on)))
    this.#sync()
  }

  /** Stops the meter and the listeners; the LocalMedia keeps running for the call. */
  stop(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = null
    this.#syncMeter()
    this.#status = 'idle'
  }

  #listen(): void {
    if (this.#unsubscribe) return
    const refresh = (): void => void this.#refreshDevices()
    const devices = this.#deps.mediaDevices
    devices?.addEventListener('devicechange', refresh)
    const off = this.#media.on('tracks', () => this.#sync())
    this.#unsubscribe = () => {
      off()
      devices?.removeEventListener('devicechange', refresh)
    }
  }

  async #refreshDevices(): Promise<void> {
    const lists = await this.#deps.listDevices()
    this.#cameras = lists.videoInputs
    this.#microphones = lists.audioInputs
    this.#speakers = lists.audioOutputs
  }

  /** Reads what LocalMedia has open now: toggles, devices in use, and the meter's track. */
  #sync(): void {
    const { audio, video } = this.#media.tracks
    this.#micOn = audio?.enabled ?? false
    this.#cameraOn = video !== null
    this.#inUse = {
      audioInput: audio?.getSettings().deviceId ?? null,
      videoInput: video?.getSettings().deviceId ?? null,
    }
    this.#syncMeter()
  }

  /** A meter on the microphone while started and shown; none otherwise. */
  #syncMeter(): void {
    const audio = this.#media.tracks.audio
    const wanted = audio && this.#unsubscribe && this.#levelShown ? audio : null
    if ((this.#meter?.track ?? null) === wanted) return
    this.#meter?.meter.close()
    this.#meter = null
    this.#level = 0
    if (!wanted) return
    // The meter measures the preview's audio track as it is now, so each new mic gets a new meter.
    const meter = this.#deps.createMeter(this.#media.preview)
    meter.onChange((level) => (this.#level = level))
    this.#meter = { track: wanted, meter }
  }

  #setProblem(kind: 'audio' | 'video', problem: MediaProblem | null): void {
    this.#problems = { ...this.#problems, [kind]: problem }
  }

  #save(choice: DeviceChoice): void {
    this.#choice = choice
    this.#onChoice(choice)
  }
}

function problemOf(error: MediaError | null): MediaProblem | null {
  return error?.problem ?? null
}
