/**
 * One remote member of the call: who they are (from the server), the Peer carrying their media, the
 * streams that came in, connection quality and whether they are speaking.
 */
import type { Participant, SignalPayload, ViewSize } from '../../protocol/index.js'
import { sameFingerprint, type Fingerprint } from '../lib/safety-code.js'
import { viewKey } from '../lib/view-size.js'
import type { Quality } from './types.js'
import { Peer, type Outgoing, type PeerStatus } from './peer.js'
import { judgeQuality, sampleStats, type StatsSample } from './quality.js'
import { remoteFingerprint } from './safety.js'

/** Measures speech on an audio track; the engine makes one per remote camera stream. */
export interface SpeechMeter {
  readonly speaking: boolean
  onChange(listener: () => void): () => void
  close(): void
}
export type CreateSpeechMeter = (stream: MediaStream) => SpeechMeter | null

export interface RemoteOptions {
  selfId: string
  participant: Participant
  /** True when they joined after us: we make the first offer. */
  initiator: boolean
  iceServers: RTCIceServer[]
  relayOnly: boolean
  /** The call's DTLS certificate, the same for every member (engine/safety.ts). */
  certificate: RTCCertificate | null
  send: (to: string, payload: SignalPayload) => void
  createMeter: CreateSpeechMeter
  /** Something about this member changed (streams, status, certificate). */
  onChange: () => void
  /** They started or stopped speaking (see `speaking`). */
  onSpeaking: () => void
  onError: (error: unknown) => void
}

/**
 * What the call engine needs of one remote member. RemoteMember is the real one; engine tests in
 * Node (which has no WebRTC) put a fake in its place through CallEngineOptions.createRemote.
 */
export interface Remote {
  participant: Participant
  readonly id: string
  readonly camera: MediaStream | null
  readonly screen: MediaStream | null
  readonly quality: Quality | null
  readonly status: PeerStatus
  readonly speaking: boolean
  /** Settles once the connection to them is first up (or closed). */
  readonly up: Promise<void>
  /** The certificate their end presented (getStats), once the connection is up; for the safety code. */
  readonly fingerprint: Fingerprint | null
  /** Hands one signal from them to the connection. */
  receive(payload: SignalPayload): void
  /** Makes what we send them match `out`. */
  send(out: Outgoing): Promise<void>
  /** Caps the bitrate of what we send them (bits per second). */
  setBitrates(caps: { camera: number; screen: number }): Promise<void>
  /** Tells them how large we show their camera (null: not shown), so they send no more. */
  showCamera(size: ViewSize | null): void
  /** Gives the connection fresh ICE servers (TURN credentials) for its next gathering. */
  setIceServers(iceServers: RTCIceServer[]): void
  /** Takes a getStats sample and updates `quality`. */
  measure(now: number): Promise<void>
  close(): void
}

export type CreateRemote = (options: RemoteOptions) => Remote

export class RemoteMember implements Remote {
  participant: Participant
  readonly peer: Peer
  camera: MediaStream | null = null
  screen: MediaStream | null = null
  quality: Quality | null = null
  fingerprint: Fingerprint | null = null
  readonly #options: RemoteOptions
  #meter: SpeechMeter | null = null
  #stopMeter: (() => void) | null = null
  #lastSample: StatsSample | null = null
  /** The view of their camera we last told them (showCamera). */
  #shown = ''

  constructor(options: RemoteOptions) {
    this.#options = options
    this.participant = options.participant
    const id = options.participant.id
    this.peer = new Peer({
      selfId: options.selfId,
      remoteId: id,
      iceServers: options.iceServers,
      relayOnly: options.relayOnly,
      certificate: options.certificate,
      initiator: options.initiator,
      send: (payload) => options.send(id, payload),
      onError: options.onError,
    })
    this.peer.on('stream', (role, stream) => {
      if (role === 'screen') this.screen = stream
      else this.#setCamera(stream)
      options.onChange()
    })
    this.peer.on('stream-ended', (role, stream) => {
      if (role === 'screen' && this.screen === stream) this.screen = null
      options.onChange()
    })
    this.peer.on('status', (status) => {
      // The certificate is read at once, not at the next stats tick: the safety code comes with
      // the connection.
      if (status === 'connected') {
        this.peer.pc.getStats().then((r) => this.#certified(r), options.onError)
      }
      options.onChange()
    })
  }

  get id(): string {
    return this.participant.id
  }

  get status(): PeerStatus {
    return this.peer.status
  }

  get up(): Promise<void> {
    return this.peer.up
  }

  get speaking(): boolean {
    return this.participant.media.audio && (this.#meter?.speaking ?? false)
  }

  receive(payload: SignalPayload): void {
    void this.peer.receive(payload)
  }

  send(out: Outgoing): Promise<void> {
    return this.peer.setOutgoing(out)
  }

  setBitrates(caps: { camera: number; screen: number }): Promise<void> {
    return this.peer.setBitrates(caps)
  }

  /** Said again only when it changed (engine/view.ts has what they do with it). */
  showCamera(size: ViewSize | null): void {
    const key = viewKey(size)
    if (key === this.#shown || this.peer.status === 'closed') return
    this.#shown = key
    this.#options.send(this.id, { view: { camera: size } })
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    try {
      this.peer.setIceServers(iceServers)
    } catch (err) {
      this.#options.onError(err)
    }
  }

  /** Takes a new getStats sample and updates `quality`. */
  async measure(now: number): Promise<void> {
    if (this.peer.status === 'closed') return
    const report = await this.peer.pc.getStats()
    const sample = sampleStats(report, now)
    // Every tick, too: a renegotiation could bring another certificate on the same connection.
    this.#certified(report)
    if (this.#lastSample) this.quality = judgeQuality(this.#lastSample, sample)
    this.#lastSample = sample
  }

  close(): void {
    this.#stopMeter?.()
    this.#meter?.close()
    this.peer.close()
  }

  /** Takes the remote certificate from a stats report, and says so when it changed. */
  #certified(report: RTCStatsReport): void {
    const fingerprint = remoteFingerprint(report)
    if (sameFingerprint(fingerprint, this.fingerprint)) return
    this.fingerprint = fingerprint
    this.#options.onChange()
  }

  #setCamera(stream: MediaStream): void {
    this.camera = stream
    if (this.#meter || stream.getAudioTracks().length === 0) return
    this.#meter = this.#options.createMeter(stream)
    this.#stopMeter = this.#meter?.onChange(() => this.#options.onSpeaking()) ?? null
  }
}
