/**
 * A call: the signalling client, one remote member per other participant, and what we send them.
 * No UI code: the call store turns its events into what components show.
 */
import {
  LIMITS,
  describeIssue,
  nicknameSchema,
  type ChatMessage,
  type JoinResult,
  type MediaState,
  type Participant,
  type SignalPayload,
} from '../../protocol/index.js'
import { Arrivals } from './arrivals.js'
import { bitrateCaps } from './bitrate.js'
import { Emitter } from './emitter.js'
import { toFailure, toRenameFailure, type RenameResult } from './failure.js'
import type { Warn } from './inbound.js'
import type { LocalTracks } from './media-types.js'
import type { Outgoing } from './peer.js'
import { RemoteMember, type CreateRemote, type CreateSpeechMeter, type Remote } from './remote.js'
import { SendFailures, type SendFailureCounts, type SendKind } from './send-failures.js'
import type { SignalingClient } from './signaling.js'
import type { CallFailure, JoinOptions, RoomView } from './types.js'

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
}

/** How often connection quality is sampled. */
const STATS_INTERVAL_MS = 2_000

const createRemoteMember: CreateRemote = (options) => new RemoteMember(options)

export class CallEngine extends Emitter<CallEngineEvents> {
  readonly #options: CallEngineOptions
  readonly #signaling: SignalingClient
  readonly #remotes = new Map<string, Remote>()
  readonly #arrivals: Arrivals
  readonly #sendFailures: SendFailures
  #self: Participant | null = null
  #room: RoomView | null = null
  #iceServers: RTCIceServer[] = []
  #history: ChatMessage[] = []
  #out: Outgoing
  #statsTimer: ReturnType<typeof setInterval> | undefined

  constructor(options: CallEngineOptions) {
    super()
    this.#options = options
    this.#signaling = options.signaling
    this.#arrivals = new Arrivals({
      graceMs: options.returnGraceMs ?? LIMITS.resumeGraceMs,
      onGone: (id) => this.#gone(id),
    })
    this.#sendFailures = new SendFailures(options.warn)
    this.#out = {
      camera: options.cameraStream,
      audio: null,
      video: null,
      screen: null,
      screenVideo: null,
      screenAudio: null,
    }
    this.#wireMembers()
    this.#wireSession()
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
  get remotes(): Remote[] {
    return [...this.#remotes.values()]
  }
  /** Sends that failed so far, per kind. */
  get sendFailures(): SendFailureCounts {
    return this.#sendFailures.counts
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
      this.#self = { ...result.self, media }
      await this.#signaling.updateMedia(media).catch(this.#failed('media'))
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
    void this.#signaling.updateMedia(media).catch(this.#failed('media'))
    this.emit('change')
  }

  /**
   * Takes a new nickname (checked with protocol's schema first); the others see it through
   * `peer:updated`. Our own view changes once the server has agreed.
   */
  async rename(nickname: string): Promise<RenameResult> {
    const parsed = nicknameSchema.safeParse(nickname)
    if (!parsed.success) {
      return { ok: false, failure: { code: 'invalid', detail: describeIssue(parsed.error) } }
    }
    const name = parsed.data
    if (!this.#self) return { ok: false, failure: { code: 'offline', detail: '' } }
    if (name === this.#self.nickname) return { ok: true, nickname: name }
    try {
      await this.#signaling.updateProfile(name)
    } catch (err) {
      return { ok: false, failure: toRenameFailure(err) }
    }
    if (this.#self) this.#self = { ...this.#self, nickname: name }
    this.emit('change')
    return { ok: true, nickname: name }
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
    this.#arrivals.clear()
    for (const remote of this.#remotes.values()) remote.close()
    this.#remotes.clear()
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

  /** Who is in the call, and the signals between us. */
  #wireMembers(): void {
    const s = this.#signaling
    s.on('peer:joined', (p) => {
      const known = this.#remotes.get(p.id)
      this.#arrivals.stopWaiting(p.id)
      // A known member whose seat a restarted server rebuilt: the same person, whose media state the
      // server does not know yet (their own media:update follows).
      if (known) known.participant = { ...p, media: known.participant.media }
      else if (this.#add(p, true)) this.emit('presence', 'joined', p.nickname)
      this.emit('change')
    })
    s.on('peer:left', ({ id }) => {
      if (!this.#remotes.has(id)) return
      this.#arrivals.stopWaiting(id)
      this.#gone(id)
    })
    s.on('peer:updated', (p) => {
      const remote = this.#remotes.get(p.id)
      if (!remote) return
      remote.participant = p
      this.emit('change')
    })
    s.on('signal', ({ from, payload }) => {
      const remote = this.#remotes.get(from)
      if (remote) remote.receive(payload)
      else this.#arrivals.keepEarly(from, payload)
    })
  }

  /** Our own connection: chat, notices, reconnections and the end. */
  #wireSession(): void {
    const s = this.#signaling
    s.on('chat:message', (message) => this.emit('chat', message))
    s.on('server:notice', () => this.emit('restarting'))
    s.on('state', (state) => {
      if (state === 'reconnecting') this.emit('phase', 'reconnecting')
    })
    s.on('rejoined', (result, resumed) => this.#rejoined(result, resumed))
    s.on('ended', (error) => {
      this.#close()
      this.emit('phase', 'ended', toFailure(error))
    })
  }

  /** Back after a reconnection: keep the peers that are still there, wait for the rest, add newcomers. */
  #rejoined(result: JoinResult, resumed: boolean): void {
    const media = this.#self?.media
    if (!resumed) {
      // A new id: every peer negotiated with the old one, so start again.
      for (const id of [...this.#remotes.keys()]) this.#remove(id)
    }
    const present = new Set(result.peers.map((p) => p.id))
    for (const id of this.#remotes.keys()) if (!present.has(id)) this.#arrivals.waitForReturn(id)
    this.#self = result.self
    for (const peer of result.peers) {
      this.#arrivals.stopWaiting(peer.id)
      const known = this.#remotes.get(peer.id)
      if (known) known.participant = peer
      else this.#add(peer, false)
    }
    // A server that restarted rebuilt our seat with everything off: tell it again.
    if (media) this.setMedia(media)
    this.emit('phase', 'in-call')
    this.emit('change')
  }

  /**
   * `initiator`: they joined after us, so we offer first (see PeerOptions.initiator). False when
   * there is nobody new to add (ourselves, or a member we have).
   */
  #add(participant: Participant, initiator: boolean): boolean {
    const selfId = this.#self?.id
    const id = participant.id
    if (!selfId || id === selfId || this.#remotes.has(id)) return false
    const remote = (this.#options.createRemote ?? createRemoteMember)({
      selfId,
      participant,
      initiator,
      iceServers: this.#iceServers,
      relayOnly: this.#options.relayOnly,
      send: (to, payload) => this.#signal(to, payload),
      createMeter: this.#options.createMeter,
      onChange: () => this.emit('change'),
      onError: (err) => console.warn('peer', id, err),
    })
    this.#remotes.set(id, remote)
    for (const payload of this.#arrivals.takeEarly(id)) remote.receive(payload)
    void remote.send(this.#out)
    this.#applyBitrates()
    return true
  }

  #remove(id: string): void {
    this.#remotes.get(id)?.close()
    this.#remotes.delete(id)
    this.#applyBitrates()
  }

  /** `id` left (or never came back): drop their connection and say so. */
  #gone(id: string): void {
    const remote = this.#remotes.get(id)
    if (!remote) return
    this.#remove(id)
    this.emit('presence', 'left', remote.participant.nickname)
    this.emit('change')
  }

  #signal(to: string, payload: SignalPayload): void {
    this.#signaling.signal(to, payload).catch(this.#failed('signal'))
  }

  /** A catch handler that counts the failure of a `kind` of send and tells the store. */
  #failed(kind: SendKind): (error: unknown) => void {
    return (error) => {
      this.#sendFailures.record(kind, error)
      this.emit('send-failed', kind, this.#sendFailures.counts)
    }
  }

  #applyBitrates(): void {
    const caps = bitrateCaps(this.#remotes.size)
    for (const remote of this.#remotes.values()) {
      remote.setBitrates(caps).catch(this.#failed('bitrate'))
    }
  }

  async #measure(): Promise<void> {
    const now = performance.now()
    await Promise.all([...this.#remotes.values()].map((r) => r.measure(now).catch(() => undefined)))
    this.emit('change')
  }
}
