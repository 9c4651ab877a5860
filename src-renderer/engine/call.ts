/**
 * A call: the signalling client, one RemoteMember per other participant, and what we send them.
 * No UI code: the call store turns its events into what components show.
 */
import {
  LIMITS,
  type ChatMessage,
  type JoinResult,
  type MediaState,
  type Participant,
  type SignalPayload,
} from '../../protocol/index.js'
import type { CallFailure, JoinOptions, RoomView } from '../stores/call-types.js'
import { bitrateCaps } from './bitrate.js'
import { Emitter } from './emitter.js'
import type { LocalTracks } from './media-types.js'
import type { Outgoing } from './peer.js'
import { RemoteMember, type CreateSpeechMeter } from './remote.js'
import { SignalingError, type SignalingClient } from './signaling.js'

export type EnginePhase = 'joining' | 'in-call' | 'reconnecting' | 'ended'

export interface CallEngineEvents {
  /** Members, their media, streams, status, quality or speaking changed. */
  change: () => void
  phase: (phase: EnginePhase, failure?: CallFailure) => void
  chat: (message: ChatMessage) => void
  /** Someone joined or left (for chat's system lines). Not raised for a resume. */
  presence: (event: 'joined' | 'left', nickname: string) => void
  /** The server is restarting; we will be back shortly. */
  restarting: () => void
}

export interface CallEngineOptions {
  signaling: SignalingClient
  relayOnly: boolean
  createMeter: CreateSpeechMeter
  /** The stream our camera and microphone are sent in (its id names the camera role). */
  cameraStream: MediaStream
}

/**
 * After a resume, members the server does not list yet may still be coming back (a restarted server
 * rebuilds seats one by one): their peer connections are kept this long before they count as gone.
 */
const RETURN_GRACE_MS = LIMITS.resumeGraceMs
/** How often connection quality is sampled. */
const STATS_INTERVAL_MS = 2_000
/** Signals that arrive for a member we do not know yet wait, up to this many. */
const MAX_EARLY_SIGNALS = 200

export class CallEngine extends Emitter<CallEngineEvents> {
  readonly #options: CallEngineOptions
  readonly #signaling: SignalingClient
  readonly #remotes = new Map<string, RemoteMember>()
  readonly #early = new Map<string, SignalPayload[]>()
  #self: Participant | null = null
  #room: RoomView | null = null
  #iceServers: RTCIceServer[] = []
  #history: ChatMessage[] = []
  #out: Outgoing
  #statsTimer: ReturnType<typeof setInterval> | undefined
  /** Members missing from a resume's answer, and when they stop being waited for. */
  readonly #missing = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(options: CallEngineOptions) {
    super()
    this.#options = options
    this.#signaling = options.signaling
    this.#out = {
      camera: options.cameraStream,
      audio: null,
      video: null,
      screen: null,
      screenVideo: null,
      screenAudio: null,
    }
    this.#wire()
  }

  get self(): Participant | null {
    return this.#self
  }
  get room(): RoomView | null {
    return this.#room
  }
  /** The room's recent chat, as the join ack brought it. */
  get history(): ChatMessage[] {
    return this.#history
  }
  /** Remote members in the order they joined. */
  get remotes(): RemoteMember[] {
    return [...this.#remotes.values()]
  }

  /** Connects and joins. Resolves with the failure when it could not. */
  async join(options: JoinOptions, media: MediaState): Promise<CallFailure | null> {
    this.emit('phase', 'joining')
    try {
      await this.#signaling.connect()
      const result = await this.#signaling.join({
        room: options.room,
        nickname: options.nickname,
        ...(options.password ? { password: options.password } : {}),
        ...(options.visibility ? { visibility: options.visibility } : {}),
      })
      this.#enter(result)
      await this.#signaling.updateMedia(media).catch(() => undefined)
      this.#self = { ...result.self, media }
      this.#statsTimer = setInterval(() => void this.#measure(), STATS_INTERVAL_MS)
      this.emit('phase', 'in-call')
      this.emit('change')
      return null
    } catch (err) {
      const failure = toFailure(err)
      this.#signaling.close()
      this.emit('phase', 'ended', failure)
      return failure
    }
  }

  /** Sends these tracks to everyone (now and to whoever joins later). */
  setTracks(tracks: LocalTracks): void {
    const screenTracks = [tracks.screen, tracks.screenAudio].filter((t) => t !== null)
    let screen = this.#out.screen
    if (screenTracks.length === 0) screen = null
    else if (!screen || !screenTracks.every((t) => screen?.getTracks().includes(t))) {
      screen = new MediaStream(screenTracks)
    }
    this.#out = {
      ...this.#out,
      audio: tracks.audio,
      video: tracks.video,
      screen,
      screenVideo: tracks.screen,
      screenAudio: tracks.screenAudio,
    }
    for (const remote of this.#remotes.values()) void remote.send(this.#out)
  }

  /** Tells the others our microphone, camera and screen state. */
  setMedia(media: MediaState): void {
    if (this.#self) this.#self = { ...this.#self, media }
    void this.#signaling.updateMedia(media).catch(() => undefined)
    this.emit('change')
  }

  sendChat(text: string): Promise<ChatMessage> {
    return this.#signaling.sendChat(text)
  }

  async leave(): Promise<void> {
    await this.#signaling.leave()
    this.#close()
  }

  #close(): void {
    clearInterval(this.#statsTimer)
    for (const timer of this.#missing.values()) clearTimeout(timer)
    this.#missing.clear()
    for (const remote of this.#remotes.values()) remote.close()
    this.#remotes.clear()
    this.#early.clear()
    this.#signaling.close()
  }

  #enter(result: JoinResult): void {
    this.#self = result.self
    this.#room = {
      name: result.room.name,
      locked: result.room.locked,
      visibility: result.room.visibility,
      capacity: result.capacity,
    }
    this.#iceServers = result.iceServers
    this.#history = result.history
    for (const peer of result.peers) this.#add(peer, false)
  }

  #wire(): void {
    const s = this.#signaling
    s.on('peer:joined', (p) => {
      const known = this.#remotes.get(p.id)
      this.#stopWaiting(p.id)
      // A known member whose seat a restarted server rebuilt: the same person, whose media state the
      // server does not know yet (their own media:update follows).
      if (known) known.participant = { ...p, media: known.participant.media }
      else {
        this.#add(p, true)
        this.emit('presence', 'joined', p.nickname)
      }
      this.emit('change')
    })
    s.on('peer:left', ({ id }) => {
      const remote = this.#remotes.get(id)
      if (!remote) return
      this.#stopWaiting(id)
      this.#remove(id)
      this.emit('presence', 'left', remote.participant.nickname)
      this.emit('change')
    })
    s.on('peer:updated', (p) => {
      const remote = this.#remotes.get(p.id)
      if (remote) remote.participant = p
      this.emit('change')
    })
    s.on('signal', ({ from, payload }) => {
      const remote = this.#remotes.get(from)
      if (remote) remote.receive(payload)
      else this.#keepEarly(from, payload)
    })
    s.on('chat:message', (message) => this.emit('chat', message))
    s.on('notice', () => this.emit('restarting'))
    s.on('state', (state) => {
      if (state === 'reconnecting') this.emit('phase', 'reconnecting')
    })
    s.on('rejoined', (result, resumed) => this.#rejoined(result, resumed))
    s.on('ended', (error) => {
      this.#close()
      this.emit('phase', 'ended', toFailure(error))
    })
  }

  /** Back after a reconnection: keep the peers that are still there, drop the rest, add newcomers. */
  #rejoined(result: JoinResult, resumed: boolean): void {
    const media = this.#self?.media
    if (!resumed) {
      // A new id: every peer negotiated with the old one, so start again.
      for (const id of [...this.#remotes.keys()]) this.#remove(id)
    }
    const present = new Set(result.peers.map((p) => p.id))
    for (const id of this.#remotes.keys()) if (!present.has(id)) this.#waitForReturn(id)
    this.#self = result.self
    for (const peer of result.peers) {
      this.#stopWaiting(peer.id)
      const known = this.#remotes.get(peer.id)
      if (known) known.participant = peer
      else this.#add(peer, false)
    }
    // A server that restarted rebuilt our seat with everything off: tell it again.
    if (media) this.setMedia(media)
    this.emit('phase', 'in-call')
    this.emit('change')
  }

  /** `initiator`: they joined after us, so we offer first (see PeerOptions.initiator). */
  #add(participant: Participant, initiator: boolean): void {
    const selfId = this.#self?.id
    if (!selfId || participant.id === selfId) return
    const remote = new RemoteMember({
      selfId,
      participant,
      initiator,
      iceServers: this.#iceServers,
      relayOnly: this.#options.relayOnly,
      send: (to, payload) => void this.#signaling.signal(to, payload).catch(() => undefined),
      createMeter: this.#options.createMeter,
      onChange: () => this.emit('change'),
      onError: (err) => console.warn('peer', participant.id, err),
    })
    this.#remotes.set(participant.id, remote)
    for (const payload of this.#early.get(participant.id) ?? []) remote.receive(payload)
    this.#early.delete(participant.id)
    void remote.send(this.#out)
    this.#applyBitrates()
  }

  #remove(id: string): void {
    this.#remotes.get(id)?.close()
    this.#remotes.delete(id)
    this.#applyBitrates()
  }

  /** Keeps a member's peer connection while they may still come back; drops it when they do not. */
  #waitForReturn(id: string): void {
    if (this.#missing.has(id)) return
    const timer = setTimeout(() => {
      this.#missing.delete(id)
      const remote = this.#remotes.get(id)
      if (!remote) return
      this.#remove(id)
      this.emit('presence', 'left', remote.participant.nickname)
      this.emit('change')
    }, RETURN_GRACE_MS)
    this.#missing.set(id, timer)
  }

  #stopWaiting(id: string): void {
    clearTimeout(this.#missing.get(id))
    this.#missing.delete(id)
  }

  #keepEarly(from: string, payload: SignalPayload): void {
    const queue = this.#early.get(from) ?? []
    if (queue.length < MAX_EARLY_SIGNALS) queue.push(payload)
    this.#early.set(from, queue)
  }

  #applyBitrates(): void {
    const caps = bitrateCaps(this.#remotes.size)
    for (const remote of this.#remotes.values())
      void remote.peer.setBitrates(caps).catch(() => undefined)
  }

  async #measure(): Promise<void> {
    const now = performance.now()
    await Promise.all([...this.#remotes.values()].map((r) => r.measure(now).catch(() => undefined)))
    this.emit('change')
  }
}

function toFailure(err: unknown): CallFailure {
  if (!(err instanceof SignalingError)) return { code: 'internal' }
  switch (err.code) {
    case 'wrong_password':
    case 'room_full':
    case 'invalid':
    case 'rate_limited':
    case 'unreachable':
    case 'refused':
    case 'replaced':
      return { code: err.code, detail: err.message }
    case 'timeout':
      return { code: 'unreachable', detail: err.message }
    case 'not_in_room':
    case 'unknown_peer':
    case 'internal':
      return { code: 'internal', detail: err.message }
    default: {
      const unhandled: never = err.code
      return { code: 'internal', detail: String(unhandled) }
    }
  }
}
