/**
 * What the call store shows the UI. Components read these; they never touch the engine.
 */
import type { MediaState, Role } from '../../protocol/index.js'
import type { CallFailureCode, Quality } from '../engine/types.js'

/** `waiting`: our knock waits for a host's answer. */
export type CallPhase =
  'idle' | 'joining' | 'waiting' | 'in-call' | 'reconnecting' | 'left' | 'failed'

export type PeerConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed'

export interface ParticipantView {
  id: string
  nickname: string
  self: boolean
  /** Hosts admit, remove, mute and promote members and change the room. */
  role: Role
  /** audio: microphone on (not muted); video: camera on; screen: sharing. */
  media: MediaState
  /** Camera video and microphone audio (the local preview for self). */
  camera: MediaStream | null
  screen: MediaStream | null
  speaking: boolean
  /** Always 'connected' for self. */
  connection: PeerConnectionStatus
  quality: Quality | null
}

/** A passing message for the user: an i18n key and its parameters. */
export interface Notice {
  key:
    | 'notice.deviceLost'
    | 'notice.reconnecting'
    | 'notice.serverRestarting'
    | 'notice.shareFailed'
    | 'notice.cameraFailed'
    | `notice.mutedBy.${'audio' | 'video' | 'screen'}`
    // A host action that did not go through says why in the words of the failure itself.
    | `failure.${Exclude<CallFailureCode, 'removed'>}`
    | 'notice.roomUpdated'
  params?: Record<string, string>
}
