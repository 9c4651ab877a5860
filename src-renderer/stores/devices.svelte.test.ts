import { describe, expect, it, vi, type Mock } from 'vitest'
import { flushSync } from 'svelte'
import { Emitter } from '../engine/emitter.js'
import {
  MediaError,
  type DeviceChoice,
  type LocalMediaEvents,
  type LocalTracks,
} from '../engine/media-types.js'
import type { StartOptions, StartResult } from '../engine/media/local-media.js'
import type { DeviceLists } from '../engine/media/devices.js'
import { DevicesStore, type DeviceCheckMedia, type LevelMeter } from './devices.svelte.js'

function fakeTrack(kind: 'audio' | 'video', deviceId: string): MediaStreamTrack {
  return { kind, enabled: true, getSettings: () => ({ deviceId }) } as unknown as MediaStreamTrack
}

/** LocalMedia's behaviour in miniature: opens what is asked unless told to fail. */
class FakeMedia implements DeviceCheckMedia {
  readonly preview = { id: 'preview' } as unknown as MediaStream
  readonly events = new Emitter<LocalMediaEvents>()
  tracks: LocalTracks = { audio: null, video: null, screen: null, screenAudio: null }
  fail: StartResult = { audio: null, video: null }
  switchError: MediaError | null = null

  start = vi.fn((options: StartOptions): Promise<StartResult> => {
    const open = (kind: 'audio' | 'video', asked: boolean, id: string | null): void => {
      if (asked && !this.tracks[kind] && !this.fail[kind]) {
        this.tracks = { ...this.tracks, [kind]: fakeTrack(kind, id ?? `${kind}-default`) }
      }
    }
    open('audio', options.audio, options.devices.audioInput)
    open('video', options.video, options.devices.videoInput)
    return Promise.resolve({
      audio: options.audio ? this.fail.audio : null,
      video: options.video ? this.fail.video : null,
    })
  })
  setMicEnabled = vi.fn((on: boolean) => {
    if (this.tracks.audio) this.tracks.audio.enabled = on
    return Promise.resolve(null)
  })
  setCameraEnabled = vi.fn((on: boolean) => {
    this.tracks = { ...this.tracks, video: on ? fakeTrack('video', 'video-default') : null }
    return Promise.resolve(null)
  })
  switchDevice = vi.fn((kind: 'audio' | 'video', deviceId: string) => {
    if (this.switchError) return Promise.resolve(this.switchError)
    if (this.tracks[kind]) this.tracks = { ...this.tracks, [kind]: fakeTrack(kind, deviceId) }
    return Promise.resolve(null)
  })
  on<K extends keyof LocalMediaEvents>(event: K, listener: LocalMediaEvents[K]): () => void {
    return this.events.on(event, listener)
  }
}

const LISTS: DeviceLists = {
  audioInputs: [{ deviceId: 'mic1', label: 'Mic', index: 1 }],
  videoInputs: [{ deviceId: 'cam1', label: 'Cam', index: 1 }],
  audioOutputs: [{ deviceId: 'out1', label: 'Speakers', index: 1 }],
}
const DEFAULTS: DeviceChoice = { audioInput: null, videoInput: null, audioOutput: null }

function setup(choice: DeviceChoice = DEFAULTS) {
  const media = new FakeMedia()
  const saved: DeviceChoice[] = []
  const meters: {
    stream: MediaStream
    close: Mock<() => void>
    emit?: (l: number) => void
  }[] = []
  const devices = new EventTarget()
  const listDevices = vi.fn(() => Promise.resolve(LISTS))
  const createMeter = (stream: MediaStream): LevelMeter => {
    const meter: (typeof meters)[number] = { stream, close: vi.fn<() => void>() }
    meters.push(meter)
    return {
      onChange: (listener) => {
        meter.emit = (level) => listener(level, level > 0.5)
        return () => undefined
      },
      close: meter.close,
    }
  }
  const store = new DevicesStore(media, choice, (c) => saved.push(c), {
    listDevices,
    createMeter,
    supportsSpeakerSelection: () => true,
    mediaDevices: devices as unknown as MediaDevices,
  })
  return { store, media, saved, meters, devices, listDevices }
}

describe('DevicesStore', () => {
  it('opens the mic (muted when asked) and the camera, then lists devices', async () => {
    const { store, media, listDevices } = setup()
    expect(store.status).toBe('idle')
    const starting = store.start({ micOn: false, cameraOn: true })
    expect(store.status).toBe('starting')
    await starting
    expect(media.start).toHaveBeenCalledWith({ audio: true, video: true, devices: DEFAULTS })
    expect(store.status).toBe('ready')
    expect(store.micOn).toBe(false)
    expect(store.cameraOn).toBe(true)
    expect(listDevices).toHaveBeenCalled()
    expect(store.cameras).toEqual(LISTS.videoInputs)
    expect(store.microphones).toEqual(LISTS.audioInputs)
    expect(store.speakers).toEqual(LISTS.audioOutputs)
    expect(store.preview).toBe(media.preview)
    expect(store.speakerSelectable).toBe(true)
  })

  it('shows the devices in use in place of a default (null) choice', async () => {
    const { store } = setup({ ...DEFAULTS, videoInput: 'cam9' })
    await store.start({ micOn: true, cameraOn: true })
    expect(store.choice).toEqual({
      audioInput: 'audio-default',
      videoInput: 'cam9',
      audioOutput: null,
    })
  })

  it('reports problems per kind and retries what failed', async () => {
    const { store, media } = setup()
    media.fail = { audio: null, video: new MediaError('busy', 'video', 'NotReadableError') }
    await store.start({ micOn: true, cameraOn: true })
    expect(store.problems).toEqual({ audio: null, video: 'busy' })
    expect(store.micOn).toBe(true)
    expect(store.cameraOn).toBe(false)

    media.fail = { audio: null, video: null }
    await store.retry()
    expect(store.problems).toEqual({ audio: null, video: null })
    expect(store.cameraOn).toBe(true)
  })

  it('meters the mic through the preview while the level is shown, with a new meter per mic track', async () => {
    const { store, meters } = setup()
    await store.start({ micOn: true, cameraOn: false })
    // Nothing shows the level yet (a call without the devices dialog): no meter runs.
    expect(meters).toHaveLength(0)
    const shown: number[] = []
    const hide = $effect.root(() => {
      $effect(() => void shown.push(store.level))
    })
    flushSync()
    expect(meters).toHaveLength(1)
    expect(meters[0]?.stream).toBe(store.preview)
    meters[0]?.emit?.(0.4)
    flushSync()
    expect(shown.at(-1)).toBe(0.4)

    await store.choose('audioInput', 'mic1')
    expect(meters[0]?.close).toHaveBeenCalled()
    expect(meters).toHaveLength(2)
    expect(store.level).toBe(0)

    // The meter's view goes (the dialog closed): its meter stops.
    hide()
    await Promise.resolve()
    flushSync()
    expect(meters[1]?.close).toHaveBeenCalled()
    expect(meters).toHaveLength(2)
  })

  it('saves a chosen device once the switch worked, and not when it failed', async () => {
    const { store, media, saved } = setup()
    await store.start({ micOn: true, cameraOn: true })
    await store.choose('videoInput', 'cam1')
    expect(media.switchDevice).toHaveBeenCalledWith('video', 'cam1')
    expect(saved).toEqual([{ ...DEFAULTS, videoInput: 'cam1' }])
    expect(store.choice.videoInput).toBe('cam1')

    media.switchError = new MediaError('busy', 'video', 'NotReadableError')
    await store.choose('videoInput', 'cam2')
    expect(saved).toHaveLength(1)
    expect(store.problems.video).toBe('busy')
  })

  it('saves a speaker choice without touching capture', async () => {
    const { store, media, saved } = setup()
    await store.choose('audioOutput', 'out1')
    expect(saved).toEqual([{ ...DEFAULTS, audioOutput: 'out1' }])
    expect(media.switchDevice).not.toHaveBeenCalled()
  })

  it('turns the camera off and forgets its problem', async () => {
    const { store, media } = setup()
    media.fail = { audio: null, video: new MediaError('busy', 'video', 'NotReadableError') }
    await store.start({ micOn: true, cameraOn: true })
    await store.setCameraOn(false)
    expect(media.setCameraEnabled).toHaveBeenCalledWith(false)
    expect(store.cameraOn).toBe(false)
    expect(store.problems.video).toBeNull()
  })

  it('mutes and unmutes the mic', async () => {
    const { store } = setup()
    await store.start({ micOn: true, cameraOn: false })
    await store.setMicOn(false)
    expect(store.micOn).toBe(false)
    await store.setMicOn(true)
    expect(store.micOn).toBe(true)
  })

  it('follows LocalMedia track changes and devicechange until stopped', async () => {
    const { store, media, devices, listDevices, meters } = setup()
    const hide = $effect.root(() => {
      $effect(() => void store.level)
    })
    await store.start({ micOn: true, cameraOn: true })
    flushSync()
    media.tracks = { ...media.tracks, video: null }
    media.events.emit('tracks', media.tracks)
    expect(store.cameraOn).toBe(false)

    listDevices.mockClear()
    devices.dispatchEvent(new Event('devicechange'))
    expect(listDevices).toHaveBeenCalledTimes(1)

    store.stop()
    expect(meters[0]?.close).toHaveBeenCalled()
    devices.dispatchEvent(new Event('devicechange'))
    expect(listDevices).toHaveBeenCalledTimes(1)
    expect(store.status).toBe('idle')
    hide()
  })
})
