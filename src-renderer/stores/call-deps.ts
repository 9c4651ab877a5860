/** What a CallStore is built from, and how the engine's phases read in the UI. */
import { CallEngine, type CallEngineOptions, type EnginePhase } from '../engine/call.js'
import type { LocalMediaPort } from '../engine/media-types.js'
import type { CreateSpeechMeter } from '../engine/remote.js'
import type { SignalingClient } from '../engine/signaling.js'
import type { Knock } from './call-hosting.svelte.js'
import type { CallPhase } from './call-types.js'
import type { ChatStore } from './chat.svelte.js'

export interface CallStoreDeps {
  media: LocalMediaPort
  chat: ChatStore
  createMeter: CreateSpeechMeter
  relayOnly: () => boolean
  /**
   * Ask for system audio with a screen share: the desktop app's picker on Windows then offers
   * "Share system audio" (loopback). Off elsewhere.
   */
  systemAudio?: boolean
  /** The call's connection to the server at `url` (call-parts.ts opens it early). */
  createSignaling: (url: string) => SignalingClient
  /** Engine settings tests change: fake remote members, a short return grace, a warn spy. */
  engine?: Pick<CallEngineOptions, 'createRemote' | 'returnGraceMs' | 'warn'>
  /** We took a new nickname mid-call (the app remembers it for next time). */
  onRenamed?: (nickname: string) => void
  /** Someone knocked while we are a host (the app notifies when the window is unfocused). */
  onKnock?: (knock: Knock, room: string) => void
}

export const PHASES: Record<EnginePhase, CallPhase> = {
  joining: 'joining',
  waiting: 'waiting',
  'in-call': 'in-call',
  reconnecting: 'reconnecting',
  ended: 'failed',
}

/** The engine of one call to `server`, on the deps' connection, media and settings. */
export function createEngine(deps: CallStoreDeps, server: string): CallEngine {
  return new CallEngine({
    signaling: deps.createSignaling(server),
    relayOnly: deps.relayOnly(),
    createMeter: deps.createMeter,
    cameraStream: deps.media.preview,
    ...deps.engine,
  })
}
