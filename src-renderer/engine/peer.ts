/**
 * One RTCPeerConnection per remote member, negotiated with the W3C "perfect negotiation" pattern:
 * either side may offer at any time; on a collision the polite side (the one whose id sorts lower,
 * docs/protocol.md) rolls back and answers, the impolite side ignores the other's offer. Nothing else
 * in the app calls createOffer or setRemoteDescription.
 */
import type { SignalPayload, StreamRoles } from '../../protocol/index.js'
import { Emitter } from './emitter.js'
import { toCandidateInit } from './candidate.js'
import { HeldStreams } from './held.js'
import { statusFor, type PeerStatus } from './peer-status.js'
import { Senders } from './senders.js'

export type StreamRole = StreamRoles[number]['role']
export type { PeerStatus }

export interface PeerOptions {
  selfId: string
  remoteId: string
  iceServers: RTCIceServer[]
  /** Relay-only: every path goes through TURN, so the peer never learns our address. */
  relayOnly: boolean
  /** The call's one DTLS certificate (engine/safety.ts): every peer sees the same fingerprint of ours. */
  certificate?: RTCCertificate | null
  /**
   * Whether this side makes the first offer. The member already in the room does; the newcomer
   * adds its tracks when that offer arrives, so they go into its answer. Both offering at once would
   * also work (that is what perfect negotiation is for), but Chromium sometimes gathers no ICE
   * candidates after the polite side's rollback, leaving the connection stuck; and one offer is a
   * round trip faster than a collision.
   */
  initiator: boolean
  send: (payload: SignalPayload) => void
  onError?: (error: unknown) => void
}

export interface PeerEvents {
  /** A remote stream appeared or gained a track. */
  stream: (role: StreamRole, stream: MediaStream) => void
  /** A remote stream lost its last track (a screen share ended). */
  'stream-ended': (role: StreamRole, stream: MediaStream) => void
  status: (status: PeerStatus) => void
}

/** What this side sends: tracks and the streams they belong to (the stream ids tell roles apart). */
export interface Outgoing {
  camera: MediaStream
  audio: MediaStreamTrack | null
  video: MediaStreamTrack | null
  screen: MediaStream | null
  screenVideo: MediaStreamTrack | null
  screenAudio: MediaStreamTrack | null
}

/** A newcomer that has had no offer by then makes its own. */
const AWAIT_OFFER_MS = 4_000
/** A connection still disconnected after this long gets an ICE restart. */
const DISCONNECTED_RESTART_MS = 4_000

export class Peer extends Emitter<PeerEvents> {
  readonly pc: RTCPeerConnection
  readonly polite: boolean
  readonly #options: PeerOptions
  #makingOffer = false
  #ignoreOffer = false
  #isSettingRemoteAnswerPending = false
  /** Signals are handled one at a time: a candidate must not overtake the offer it belongs to. */
  #queue: Promise<void> = Promise.resolve()
  readonly #remoteRoles = new Map<string, StreamRole>()
  #queued = 0
  /** Resolves `up`. */
  #isUp = () => {}
  readonly #up = new Promise<void>((resolve) => (this.#isUp = resolve))
  /** New remote streams wait until their candidates are in or the connection is up (held.ts). */
  readonly #newStreams = new HeldStreams()
  readonly #senders: Senders
  #announced = ''
  #wanted: Outgoing | null = null
  #outgoing: Promise<void> = Promise.resolve()
  #status: PeerStatus = 'connecting'
  #disconnectedTimer: ReturnType<typeof setTimeout> | undefined
  /** A newcomer holds its tracks back until the first offer comes (or the wait runs out). */
  #awaitingOffer: boolean
  #offerTimer: ReturnType<typeof setTimeout> | undefined

  constructor(options: PeerOptions) {
    super()
    this.#options = options
    this.polite = options.selfId < options.remoteId
    this.#awaitingOffer = !options.initiator
    this.pc = new RTCPeerConnection({
      iceServers: options.iceServers,
      iceTransportPolicy: options.relayOnly ? 'relay' : 'all',
      ...(options.certificate ? { certificates: [options.certificate] } : {}),
    })
    this.#senders = new Senders(this.pc)
    this.#wire()
  }

  get status(): PeerStatus {
    return this.#status
  }

  /** Settles once the connection is first up, or closed. */
  get up(): Promise<void> {
    return this.#up
  }

  /** Handles one signal from the remote peer: negotiation after the signals before it. */
  receive(payload: SignalPayload): Promise<void> {
    // A view is no negotiation: it waits behind none and holds no stream back (Senders keeps it).
    if ('view' in payload)
      return this.#senders.setView(payload.view.camera).catch(this.#options.onError)
    this.#queued++
    this.#queue = this.#queue
      .then(() => this.#handle(payload))
      .catch(this.#options.onError)
      .finally(() => {
        if (--this.#queued === 0) this.#newStreams.idle()
      })
    return this.#queue
  }

  /**
   * Makes the senders match `out`. Swapping a camera or microphone track is a replaceTrack (no
   * renegotiation); starting or stopping a screen share changes a transceiver's direction, which
   * renegotiates through negotiationneeded. Settles once the change is applied, and an offer it
   * needed at once (new tracks on a stable connection) is sent.
   */
  setOutgoing(out: Outgoing): Promise<void> {
    // Changes apply one after another (two at once could add the same track twice), each with the
    // newest wanted state.
    this.#wanted = out
    if (this.#awaitingOffer) {
      this.#offerTimer ??= setTimeout(() => void this.#stopAwaiting(), AWAIT_OFFER_MS)
      return Promise.resolve()
    }
    return this.#queueOutgoing()
  }

  #queueOutgoing(): Promise<void> {
    this.#outgoing = this.#outgoing.then(() => this.#applyOutgoing()).catch(this.#options.onError)
    return this.#outgoing
  }

  /** The wait for an offer is over: tracks go on, and an offer follows if one is still needed. */
  #stopAwaiting(): Promise<void> {
    clearTimeout(this.#offerTimer)
    if (!this.#awaitingOffer) return Promise.resolve()
    this.#awaitingOffer = false
    return this.#queueOutgoing()
  }

  async #applyOutgoing(): Promise<void> {
    const out = this.#wanted
    if (!out || this.pc.signalingState === 'closed') return
    this.#announce(out)
    const added = [
      await this.#senders.set('audio', out.audio, out.camera),
      await this.#senders.set('video', out.video, out.camera),
      await this.#senders.set('screenVideo', out.screenVideo, out.screen),
      await this.#senders.set('screenAudio', out.screenAudio, out.screen),
    ]
    // New m-lines: offer now, not on negotiationneeded (a task behind the UI work this change starts).
    if (added.includes(true) && this.pc.signalingState === 'stable') await this.#offer()
  }

  /** Caps the bitrate of the camera and screen senders (bits per second). */
  setBitrates(caps: { camera: number; screen: number }): Promise<void> {
    return this.#senders.setBitrates(caps)
  }

  /** Starts an ICE restart (negotiated like any other change). */
  restartIce(): void {
    this.pc.restartIce()
  }

  /** Fresh ICE servers (TURN credentials) for the next gathering: an ICE restart, a new relay. */
  setIceServers(iceServers: RTCIceServer[]): void {
    if (this.pc.signalingState === 'closed') return
    // Policy and certificates stay as they are (setConfiguration refuses to change certificates).
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers })
  }

  close(): void {
    clearTimeout(this.#disconnectedTimer)
    clearTimeout(this.#offerTimer)
    this.pc.close()
    this.#setStatus('closed')
    this.clear()
  }

  async #handle(payload: Exclude<SignalPayload, { view: unknown }>): Promise<void> {
    const pc = this.pc
    if ('streams' in payload) {
      for (const { id, role } of payload.streams) this.#remoteRoles.set(id, role)
      return
    }
    if ('candidate' in payload) {
      const ignoring = this.#ignoreOffer
      if (payload.candidate === null) this.#newStreams.candidatesIn()
      // Not awaited: the operations chain keeps candidates after their description, in order.
      // null means end of candidates; addIceCandidate() without one says the same.
      pc.addIceCandidate(payload.candidate ?? undefined).catch((err: unknown) => {
        // Candidates of an offer we ignored fail to apply; that is expected.
        if (!ignoring) this.#options.onError?.(err)
      })
      return
    }
    const { description } = payload
    const readyForOffer =
      !this.#makingOffer && (pc.signalingState === 'stable' || this.#isSettingRemoteAnswerPending)
    const collision = description.type === 'offer' && !readyForOffer
    this.#ignoreOffer = !this.polite && collision
    if (this.#ignoreOffer) return
    this.#newStreams.described()
    this.#isSettingRemoteAnswerPending = description.type === 'answer'
    await pc.setRemoteDescription(description) // rolls our own offer back when polite
    this.#isSettingRemoteAnswerPending = false
    if (description.type === 'offer') {
      // A newcomer's tracks join the transceivers this offer made, and go out with our answer.
      await this.#stopAwaiting()
      await pc.setLocalDescription()
      this.#sendDescription()
    }
  }

  /** Makes and sends an offer of what the connection has now (perfect negotiation's offer side). */
  async #offer(): Promise<void> {
    if (this.#makingOffer) return
    try {
      this.#makingOffer = true
      await this.pc.setLocalDescription()
      this.#sendDescription()
    } catch (err) {
      this.#options.onError?.(err)
    } finally {
      this.#makingOffer = false
    }
  }

  #wire(): void {
    const pc = this.pc
    pc.onnegotiationneeded = () => void this.#offer()
    pc.onicecandidate = ({ candidate }) =>
      this.#options.send({ candidate: candidate ? toCandidateInit(candidate) : null })
    pc.ontrack = ({ streams }) => {
      const stream = streams[0]
      if (!stream) return
      const role = this.#remoteRoles.get(stream.id) ?? 'camera'
      // When the sender stops sending on a transceiver (a share ended), the receiver's track leaves
      // its stream; a stream with no tracks left is over.
      stream.onremovetrack = () => {
        if (stream.getTracks().length === 0) this.emit('stream-ended', role, stream)
      }
      this.#newStreams.report(() => this.emit('stream', role, stream))
    }
    pc.onconnectionstatechange = () => this.#onConnectionState()
  }

  #onConnectionState(): void {
    const state = this.pc.connectionState
    clearTimeout(this.#disconnectedTimer)
    this.#setStatus(statusFor(state, this.#status))
    // One side restarts, so the two restarts do not collide: the impolite one.
    if (this.polite) return
    if (state === 'failed') this.restartIce()
    // A disconnection often recovers by itself; if not, a restart.
    if (state !== 'disconnected') return
    this.#disconnectedTimer = setTimeout(() => {
      if (this.pc.connectionState === 'disconnected') this.restartIce()
    }, DISCONNECTED_RESTART_MS)
  }

  #sendDescription(): void {
    const local = this.pc.localDescription
    if (!local) return
    this.#options.send({ description: { type: local.type, sdp: local.sdp } })
    // Senders this description brought get their caps and view now, after it is out, not before.
    this.#senders.apply().catch((err: unknown) => this.#options.onError?.(err))
  }

  /** Names our streams before the offer that adds them (signals arrive in order). */
  #announce(out: Outgoing): void {
    const roles: StreamRoles = [{ id: out.camera.id, role: 'camera' }]
    if (out.screen) roles.push({ id: out.screen.id, role: 'screen' })
    const key = JSON.stringify(roles)
    if (key === this.#announced) return
    this.#announced = key
    this.#options.send({ streams: roles })
  }

  #setStatus(status: PeerStatus): void {
    if (this.#status === status) return
    this.#status = status
    this.#newStreams.connected(status === 'connected')
    if (status === 'connected' || status === 'closed') this.#isUp()
    this.emit('status', status)
  }
}
