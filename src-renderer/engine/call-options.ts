/** What a CallEngine is built from, and what it reports. */
import type { ChatMessage, MediaKind } from '../../protocol/index.js'
import type { Warn } from './inbound.js'
import type { CreateRemote, CreateSpeechMeter } from './remote.js'
import type { SendFailureCounts, SendKind } from './send-failures.js'
import type { SignalingClient } from './signaling.js'
import type { CallFailure, Quality } from './types.js'
import type { RefreshClock } from './ice-refresh.js'

/** `waiting`: a knock room holds our join until a host answers. */
export type EnginePhase = 'joining' | 'waiting' | 'in-call' | 'reconnecting' | 'ended'

export interface CallEngineEvents {
  /** Members came or went, or their media, streams, status or role changed, or the room's. */
  change: () => void
  /** A remote member started or stopped speaking (nothing else changed). */
  speaking: (id: string, speaking: boolean) => void
  /** A remote member's connection quality, sampled every few seconds, came out different. */
  quality: (id: string, quality: Quality | null) => void
  phase: (phase: EnginePhase, failure?: CallFailure) => void
  chat: (message: ChatMessage) => void
  /** Someone joined or left (for chat's system lines). Not raised for a resume. */
  presence: (event: 'joined' | 'left', nickname: string) => void
  /** The server is restarting; we will be back shortly. */
  restarting: () => void
  /** A host turned one of our sources off (`by`: their nickname); the store turns it off here. */
  muted: (kind: MediaKind, by: string) => void
  /** A send nobody waits for failed; `counts` are all failures of this call so far, per kind. */
  'send-failed': (kind: SendKind, counts: SendFailureCounts) => void
}

export interface CallEngineOptions {
  signaling: SignalingClient
  relayOnly: boolean
  createMeter: CreateSpeechMeter
  /** The stream our camera and microphone are sent in (its id names the camera role). */
  cameraStream: MediaStream
  /** Makes each other participant's member; the default holds a real peer connection. */
  createRemote?: CreateRemote
  /**
   * After a resume, members the server does not list yet may still be coming back (a restarted
   * server rebuilds seats one by one): their peer connections are kept this long before they count
   * as gone. Defaults to the server's own resume grace.
   */
  returnGraceMs?: number
  /** Where the first failed send of each kind is reported. */
  warn?: Warn
  /** The clock TURN credentials are refreshed by (tests drive their own). */
  iceClock?: RefreshClock
}
