/**
 * What the call store shows the UI. Components read these; they never touch the engine.
 */
import type { MediaState } from '../../protocol/index.js'

export type CallPhase = 'idle' | 'joining' | 'in-call' | 'reconnecting' | 'left' | 'failed'

/** Why joining failed or the call ended, each with its own message in the UI (i18n key `failure.<code>`). */
export type CallFailureCode =
  | 'wrong_password'
  | 'room_full'
  | 'invalid'
  | 'rate_limited'
  | 'unreachable' // the server could not be reached at all
  | 'refused' // the server refused the connection (origin or connection cap)
  | 'replaced' // the seat was taken over from another window or device
  | 'internal'

export interface CallFailure {
  code: CallFailureCode
  /** The server's own words, when it gave some (shown under the translated message). */
  detail?: string
}

/** Connection quality from getStats, as a badge. */
export interface Quality {
  level: 'good' | 'fair' | 'poor'
  rttMs: number | null
  /** Packets lost, in % of packets received over the last interval. */
  lossPct: number | null
  /** Incoming bitrate over the last interval, kbit/s. */
  bitrateKbps: number | null
}

export type PeerConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed'

export interface ParticipantView {
  id: string
  nickname: string
  self: boolean
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

export interface RoomView {
  name: string
  locked: boolean
  visibility: 'public' | 'private'
  capacity: number
}

/** A passing message for the user: an i18n key and its parameters. */
export interface Notice {
  key:
    | 'notice.deviceLost'
    | 'notice.reconnecting'
    | 'notice.serverRestarting'
    | 'notice.shareFailed'
    | 'notice.cameraFailed'
  params?: Record<string, string>
}

export interface JoinOptions {
  /** Rendezvous server URL (http(s)://host:port). */
  server: string
  room: string
  nickname: string
  password?: string
  visibility?: 'public' | 'private'
}

/** Chat as the chat panel shows it. System lines are rendered through i18n (`chat.joined`, `chat.left`). */
export type ChatLine =
  | {
      kind: 'message'
      /** Server id once confirmed; a local id while sending. */
      id: string
      from: string
      nickname: string
      text: string
      ts: number
      mine: boolean
      status: 'sending' | 'sent' | 'failed'
    }
  | { kind: 'system'; id: string; event: 'joined' | 'left'; nickname: string; ts: number }
