/**
 * A call: the signalling client, one remote member per other participant, and what we send them.
 * No UI code: the call store turns its events into what components show.
 */
import {
  LIMITS,
  type ChatMessage,
  type JoinResult,
  type MediaState,
  type Participant,
  type RoomInfo,
  type ViewSize,
} from '../../protocol/index.js'
import type { CallEngineEvents, CallEngineOptions, EnginePhase } from './call-options.js'
import { Emitter } from './emitter.js'
import { toFailure, type RenameResult } from './failure.js'
import { requestRename } from './rename.js'
import { IceRefresher } from './ice-refresh.js'
import { InOrder } from './in-order.js'
import type { LocalTracks } from './media-types.js'
import { Moderation, toRoomView } from './moderation.js'
import { nothingOut, withTracks } from './outgoing.js'
import type { Outgoing } from './peer.js'
import { RemoteMember, type CreateRemote, type Remote } from './remote.js'
import { nothingOn, Roster } from './roster.js'
import { createCallCertificate, safetyInput, type SafetyInput } from './safety.js'
import { SendFailures, type SendFailureCounts, type SendKind } from './send-failures.js'
import type { SignalingClient } from './signaling.js'
import type { CallFailure, JoinOptions, RoomView } from './types.js'

export type { CallEngineEvents, CallEngineOptions, EnginePhase }

/** How often connection quality is sampled. */
const STATS_INTERVAL_MS = 2_000

const createRemoteMember: CreateRemote = (options) => new RemoteMember(options)

export class CallEngine extends Emitter<CallEngineEvents> {
  readonly #signaling: SignalingClient
  readonly #roster: Roster
  readonly #sendFailures: SendFailures
  /** Knocks and host actions (hosts only; the server refuses the rest). */
  readonly moderation: Moderation
  /** TURN credentials kept fresh, for open connections and new ones. */
  readonly #ice: IceRefresher
  readonly #inOrder = new InOrder((err) => console.warn('call', err))
  #self: Participant | null = null
  #room: RoomView | null = null
  #history: ChatMessage[] = []
  #out: Outgoing
  #statsTimer: ReturnType<typeof setInterval> | undefined
  /** The server said it is restarting: the next resume finds the seats rebuilt. */
  #restarting = false

  constructor(options: CallEngineOptions) {
    super()
    this.#signaling = options.signaling
    this.moderation = new Moderation(options.signaling)
    this.#sendFailures = new SendFailures(options.warn)
    this.#ice = new IceRefresher({
      refresh: () => this.#signaling.refreshIce(),
      onServers: (servers) => this.#roster.setIceServers(servers),
      ...(options.iceClock ? { clock: options.iceClock } : {}),
    })
    this.#roster = new Roster({
      createRemote: options.createRemote ?? createRemoteMember,
      relayOnly: options.relayOnly,
      createMeter: options.createMeter,
      graceMs: options.returnGraceMs ?? LIMITS.resumeGraceMs,
      out: () => this.#out,
      signal: (to, payload) =>
        void this.#signaling.signal(to, payload).catch(this.#failed('signal')),
      onBitrateFailed: this.#failed('bitrate'),
      onChange: () => this.emit('change'),
      onSpeaking: (id, speaking) => this.emit('speaking', id, speaking),
      onQuality: (id, quality) => this.emit('quality', id, quality),
      onPresence: (event, nickname) => this.emit('presence', event, nickname),
    })
    this.#out = nothingOut(options.cameraStream)
    this.#wireMembers()
    this.#wireSession()
    this.#wireRoom()
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
    return this.#roster.list
  }
  /** Sends that failed so far, per kind. */
  get sendFailures(): SendFailureCounts {
    return this.#sendFailures.counts
  }
  /** Our certificate's fingerprint and each member's, as this side sees them (the safety code). */
  get safety(): SafetyInput {
    return safetyInput(this.#self?.id, this.#roster.certificate, this.#roster.list)
  }

  /** Connects and joins. Resolves with the failure when it could not. */
  async join(options: JoinOptions, media: MediaState): Promise<CallFailure | null> {
    this.emit('phase', 'joining')
    try {
      // One certificate for the call, made while the join goes out, before any peer connection.
      const certificate = createCallCertificate()
      await this.#signaling.connect()
      const joining = this.#signaling.join({
        room: options.room,
        nickname: options.nickname,
        ...(options.password ? { password: options.password } : {}),
        ...(options.visibility ? { visibility: options.visibility } : {}),
        ...(options.admission ? { admission: options.admission } : {}),
      })
      const [made, result] = await Promise.all([certificate, joining])
      this.#roster.certify(made)
      this.#enter(result)
      this.#self = { ...result.self, media }
      // Not awaited: signals keep their order, and the call screen need not wait a round trip.
      void this.#signaling.updateMedia(media).catch(this.#failed('media'))
      this.#statsTimer = setInterval(
        () => void this.#roster.measure(performance.now()),
        STATS_INTERVAL_MS,
      )
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
    this.#out = withTracks(this.#out, tracks)
    this.#roster.send(this.#out)
  }

  /**
   * Settles once the connection to every member the join found is up (or closed), or after `ms`:
   * the call's first render waits for it, as it would hold up their offers, our answers and the
   * connections' events.
   */
  connected(ms: number): Promise<void> {
    return this.#roster.up(ms)
  }

  /** How large we show `id`'s camera (device pixels; null: not shown): they send no more. */
  showCamera(id: string, size: ViewSize | null): void {
    this.#roster.showCamera(id, size)
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
    const result = await requestRename(this.#signaling, this.#self?.nickname ?? null, nickname)
    if (result.ok && this.#self && this.#self.nickname !== result.nickname) {
      this.#self = { ...this.#self, nickname: result.nickname }
      this.emit('change')
    }
    return result
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
    this.#ice.stop()
    this.#inOrder.close()
    this.moderation.dropKnocks()
    this.#roster.close()
    this.#signaling.close()
  }

  #enter(result: JoinResult): void {
    this.#self = result.self
    this.#room = toRoomView(result.room)
    this.#history = result.history
    this.#roster.seat(result.self.id, result.iceServers)
    this.#ice.use(result.iceServers, result.peers.length > 0)
    this.#roster.enter(result.peers)
  }

  /** Who is in the call, and the signals between us. */
  #wireMembers(): void {
    const s = this.#signaling
    const inOrder = this.#inOrder
    // A newcomer's connection waits for TURN credentials if we hold none unexpired (ice-refresh.ts).
    s.on('peer:joined', (p) => inOrder.after(this.#ice.ensure(), () => this.#roster.joined(p)))
    s.on('peer:left', ({ id }) => inOrder.run(() => this.#roster.left(id)))
    s.on('peer:updated', (p) =>
      inOrder.run(() => {
        if (p.id === this.#self?.id) this.#selfUpdated(p)
        else this.#roster.updated(p)
      }),
    )
    s.on('signal', ({ from, payload }) => inOrder.run(() => this.#roster.signal(from, payload)))
  }

  /** Our own connection: chat, notices, reconnections and the end. */
  #wireSession(): void {
    const s = this.#signaling
    s.on('chat:message', (message) => this.emit('chat', message))
    s.on('server:notice', () => {
      this.#restarting = true
      this.emit('restarting')
    })
    s.on('state', (state) => {
      if (state === 'reconnecting') this.emit('phase', 'reconnecting')
    })
    s.on('rejoined', (result, resumed) => this.#inOrder.run(() => this.#rejoined(result, resumed)))
    s.on('ended', (error) => {
      this.#close()
      this.emit('phase', 'ended', toFailure(error))
    })
  }

  /** The room itself: its settings, a knock's wait, being removed or muted by a host. */
  #wireRoom(): void {
    const s = this.#signaling
    const roomChanged = (room: RoomInfo) => {
      this.#room = toRoomView(room)
      this.emit('change')
    }
    s.on('room:updated', roomChanged)
    this.moderation.on('room', roomChanged)
    s.on('room:waiting', () => this.emit('phase', 'waiting'))
    s.on('member:muted', ({ kind, by }) => this.emit('muted', kind, by))
    s.on('room:removed', ({ by }) => {
      this.#close()
      this.emit('phase', 'ended', { code: 'removed', by })
    })
  }

  /** The server changed something about us (a role, after a promotion or a hand-over). */
  #selfUpdated(participant: Participant): void {
    const self = this.#self
    if (!self) return
    // Our media state is ours: the server's copy may lag behind what we just sent.
    this.#self = { ...participant, media: self.media, nickname: participant.nickname }
    if (participant.role !== 'host') this.moderation.dropKnocks()
    this.emit('change')
  }

  /** Back after a reconnection: the same members where we can, then our media state again. */
  #rejoined(result: JoinResult, resumed: boolean): void {
    const media = this.#self?.media
    // A restarted server rebuilt the seats with everything off (docs/protocol.md, "Resuming a
    // seat"): it said it was going, or it forgot what our own seat had on.
    const forgot = nothingOn(result.self.media) && !!media && !nothingOn(media)
    const rebuilt = resumed && (this.#restarting || forgot)
    this.#restarting = false
    this.#self = result.self
    // Every join answer carries ICE servers with fresh credentials: new connections use them, and
    // so do those kept through a resume (for their next ICE restart).
    this.#roster.seat(result.self.id, result.iceServers)
    this.#ice.use(result.iceServers, result.peers.length > 0)
    this.#roster.rejoined(result.peers, resumed, rebuilt)
    if (media) this.setMedia(media) // (a rebuilt seat has everything off: tell it again)
    this.emit('phase', 'in-call')
    this.emit('change')
  }

  /** A catch handler that counts the failure of a `kind` of send and tells the store. */
  #failed(kind: SendKind): (error: unknown) => void {
    return (error) => {
      this.#sendFailures.record(kind, error)
      this.emit('send-failed', kind, this.#sendFailures.counts)
    }
  }
}
