/**
 * What the call engine hands its callers: how joining went, the room it joined and connection
 * quality. Stores turn these into what components show; nothing here knows about the UI.
 */
import type { Admission } from '../../protocol/index.js'

/** Why joining failed or the call ended, each with its own message in the UI (i18n key `failure.<code>`). */
export type CallFailureCode =
  | 'wrong_password'
  | 'room_full'
  | 'invalid'
  | 'rate_limited'
  | 'unreachable' // the server could not be reached at all
  | 'refused' // the server refused the connection (origin or connection cap)
  | 'replaced' // the seat was taken over from another window or device
  | 'denied' // a host turned the knock down
  | 'knock_timeout' // no host answered the knock in time
  | 'room_closed' // the room takes nobody new
  | 'removed' // a host removed us (`by` names them)
  | 'forbidden' // a host action by someone who is no longer host
  | 'nickname_taken' // the name looks like a present member's
  | 'internal'

export interface CallFailure {
  code: CallFailureCode
  /** The server's own words, when it gave some (shown under the translated message). */
  detail?: string
  /** Who did it, for `removed`: the host's nickname. */
  by?: string
  /** How long the server said to wait before trying again (a limit, a password guess's wait). */
  retryAfterMs?: number
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

export interface RoomView {
  name: string
  locked: boolean
  visibility: 'public' | 'private'
  admission: Admission
  capacity: number
}

export interface JoinOptions {
  /** Rendezvous server URL (http(s)://host:port). */
  server: string
  room: string
  nickname: string
  password?: string
  visibility?: 'public' | 'private'
  /** How the room admits people, if this join creates it (the server ignores it otherwise). */
  admission?: Admission
}
