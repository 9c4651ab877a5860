/**
 * What the UI reads from and asks of the devices store (stores/devices.svelte.ts). Components take
 * this shape rather than the class, so tests can hand them a plain object.
 */
import type { DeviceChoice, MediaProblem } from '../engine/media-types.js'

export interface DeviceEntry {
  deviceId: string
  /** Empty until the user allowed access (browsers hide labels before that). */
  label: string
  index: number
}

export type DeviceKind = keyof DeviceChoice

export interface DevicesView {
  readonly cameras: readonly DeviceEntry[]
  readonly microphones: readonly DeviceEntry[]
  readonly speakers: readonly DeviceEntry[]
  readonly choice: DeviceChoice
  readonly preview: MediaStream | null
  /** Microphone input level, 0..1. */
  readonly level: number
  readonly problems: { audio: MediaProblem | null; video: MediaProblem | null }
  readonly micOn: boolean
  readonly cameraOn: boolean
  /** Whether the speaker can be chosen here (HTMLMediaElement.setSinkId exists). */
  readonly speakerSelectable: boolean
  readonly status: 'idle' | 'starting' | 'ready'
  start(options: { micOn: boolean; cameraOn: boolean }): unknown
  choose(kind: DeviceKind, deviceId: string): unknown
  setMicOn(on: boolean): unknown
  setCameraOn(on: boolean): unknown
  retry(): unknown
  stop(): unknown
}

/** The devices of one kind, in the order the store lists them. */
export function devicesOf(devices: DevicesView, kind: DeviceKind): readonly DeviceEntry[] {
  switch (kind) {
    case 'videoInput':
      return devices.cameras
    case 'audioInput':
      return devices.microphones
    case 'audioOutput':
      return devices.speakers
    default: {
      const unhandled: never = kind
      return unhandled
    }
  }
}
