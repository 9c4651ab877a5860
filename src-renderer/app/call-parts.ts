/**
 * Builds one attempt at a call: local media, the device check over it and the call (with its chat)
 * that takes it over. A call stops its media for good when it ends, so every attempt builds anew.
 */
import type { ChatMessage } from '../../protocol/index.js'
import { AudioLevel } from '../engine/media/audio-level.js'
import { idleMeter } from '../engine/media/idle-meter.js'
import { LocalMedia } from '../engine/media/local-media.js'
import type { SpeechMeter } from '../engine/remote.js'
import { SignalingClient } from '../engine/signaling.js'
import type { Knock } from '../stores/call-hosting.svelte.js'
import { CallStore } from '../stores/call.svelte.js'
import { ChatStore } from '../stores/chat.svelte.js'
import { DevicesStore } from '../stores/devices.svelte.js'
import type { SettingsStore } from '../stores/settings.svelte.js'

export interface CallParts {
  devices: DevicesStore
  call: CallStore
  chat: ChatStore
  stopMedia(): void
}

let sharedContext: AudioContext | null = null

/**
 * A speaking detector for one stream. Every participant's shares one AudioContext (each context
 * costs an audio thread), and it reports only when speaking flips, not every level change.
 */
function speechMeter(stream: MediaStream): SpeechMeter | null {
  if (typeof AudioContext === 'undefined') return null
  // Made when the page is idle: not between an offer and its answer (idle-meter.ts).
  return idleMeter(() => {
    sharedContext ??= new AudioContext()
    const level = new AudioLevel(stream, { context: sharedContext })
    return {
      get speaking() {
        return level.speaking
      },
      onChange: (listener) => level.onSpeakingChange(() => listener()),
      close: () => level.close(),
    }
  })
}

export interface CallPartsOptions {
  /** Hears chat messages from others (the app notifies about them when unfocused). */
  onChatMessage?: (message: ChatMessage) => void
  /** Someone knocked while we host (the app notifies when unfocused). */
  onKnock?: (knock: Knock, room: string) => void
  /** Offer system audio with screen shares (the desktop app on Windows). */
  systemAudio?: boolean
}

export type CallPartsFactory = (settings: SettingsStore, options: CallPartsOptions) => CallParts

/**
 * The call's connection to a server, with the server's access key where the settings know one:
 * a built-in server (this computer's, or one a link named) admits only holders of its key.
 */
export function signalingFor(settings: Pick<SettingsStore, 'accessKey'>) {
  return (url: string): SignalingClient =>
    new SignalingClient(url, { accessKey: settings.accessKey(url) })
}

/**
 * The call's connection, opened while the user checks their devices, so that at Join the
 * `room:join` goes out at once rather than after a WebSocket handshake. Join takes it when it is
 * connected to the server the join names; otherwise (that server was down, another one chosen)
 * it is closed and the join makes a fresh one, as it would have anyway.
 */
export function connectEarly(make: (url: string) => SignalingClient, url: string) {
  let early: SignalingClient | null = make(url)
  early.connect().catch(() => {}) // a server that is down says so when the user joins
  const drop = (): void => {
    early?.close()
    early = null
  }
  return {
    take(server: string): SignalingClient {
      const ready = server === url && early?.state === 'connected' ? early : null
      if (ready) early = null
      else drop()
      return ready ?? make(server)
    },
    drop,
  }
}

export function createCallParts(
  settings: SettingsStore,
  { onChatMessage = () => {}, onKnock, systemAudio = false }: CallPartsOptions = {},
): CallParts {
  const media = new LocalMedia()
  const devices = new DevicesStore(media, settings.devices, (choice) =>
    settings.update({ devices: choice }),
  )
  const chat = new ChatStore(onChatMessage)
  const signaling = connectEarly(signalingFor(settings), settings.serverUrl)
  const call = new CallStore({
    media,
    chat,
    createMeter: speechMeter,
    relayOnly: () => settings.relayOnly,
    createSignaling: (url) => signaling.take(url),
    systemAudio,
    ...(onKnock ? { onKnock } : {}),
    // A new name chosen in the call is the name offered next time.
    onRenamed: (nickname) => settings.update({ nickname }),
  })
  const stopMedia = (): void => {
    signaling.drop()
    media.stop()
  }
  return { devices, call, chat, stopMedia }
}
