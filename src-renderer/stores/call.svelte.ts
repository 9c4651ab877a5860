/**
 * The call as the UI sees it: phase, participants (self first), local controls and notices. Owns the
 * call engine for the length of a call; components read the getters and call the methods.
 */
import type { MediaKind, MediaState, Participant, ViewSize } from '../../protocol/index.js'
import type { CallEngine } from '../engine/call.js'
import type { SpeechMeter } from '../engine/remote.js'
import { NO_SEND_FAILURES, type SendFailureCounts } from '../engine/send-failures.js'
import type { CallFailure, JoinOptions, RoomView } from '../engine/types.js'
import type { Translatable } from '../i18n/locale.js'
import { createEngine, PHASES, type CallStoreDeps } from './call-deps.js'
import type { CallPhase, Notice, ParticipantView } from './call-types.js'
import { CallHosting } from './call-hosting.svelte.js'
import { CallSafety } from './call-safety.svelte.js'
import { remoteView, renameIn, selfView, StreamOf } from './call-views.js'
import { ParticipantList } from './participant-state.svelte.js'

export type { CallStoreDeps }

/** How long the call's first render (tens of ms of tiles) may wait for the first connections. */
const FIRST_RENDER_WAIT_MS = 300

export class CallStore {
  #phase = $state<CallPhase>('idle')
  #failure = $state.raw<CallFailure | null>(null)
  #room = $state.raw<RoomView | null>(null)
  readonly #people = new ParticipantList()
  #micOn = $state(true)
  #cameraOn = $state(true)
  #sharing = $state(false)
  #notice = $state.raw<Notice | null>(null)
  #sendFailures = $state.raw<SendFailureCounts>(NO_SEND_FAILURES)
  readonly #deps: CallStoreDeps
  #engine: CallEngine | null = null
  #selfMeter: SpeechMeter | null = null
  #unsubscribe: Array<() => void> = []
  #talking = false
  /** The call's first render waits for the connections to the members already there (see join). */
  #holding = false
  readonly #ownScreen = new StreamOf()

  /** Knocks and host actions; see `isHost`. */
  readonly hosting: CallHosting
  /** The safety code of the mesh: the same for everyone unless someone is in between. */
  readonly safety = new CallSafety()

  constructor(deps: CallStoreDeps) {
    this.#deps = deps
    this.hosting = new CallHosting({
      // Translated per code (forbidden, rate_limited, unreachable…), never the server's English.
      onFailure: ({ code }) =>
        (this.#notice = { key: code === 'removed' ? 'failure.internal' : `failure.${code}` }),
      onKnock: (knock) => deps.onKnock?.(knock, this.#room?.name ?? ''),
    })
  }

  get phase(): CallPhase {
    return this.#phase
  }
  get failure(): CallFailure | null {
    return this.#failure
  }
  get room(): RoomView | null {
    return this.#room
  }
  /** Self first, then the others in the order they joined. */
  get participants(): readonly ParticipantView[] {
    return this.#people.list
  }
  /** We may admit, remove, mute and promote members, and change the room. */
  get isHost(): boolean {
    return this.#people.list[0]?.role === 'host'
  }
  /** Participants sharing a screen (their screen gets a large tile). */
  get screenShares(): ParticipantView[] {
    return this.#people.list.filter((p) => p.screen !== null)
  }
  get micOn(): boolean {
    return this.#micOn
  }
  get cameraOn(): boolean {
    return this.#cameraOn
  }
  get sharing(): boolean {
    return this.#sharing
  }
  get notice(): Notice | null {
    return this.#notice
  }
  /** Signals, media updates and bitrate caps of this call that failed to go out, per kind. */
  get sendFailures(): SendFailureCounts {
    return this.#sendFailures
  }

  /** Joins a room with the media already started; true when in the call, else see `failure`. */
  async join(options: JoinOptions): Promise<boolean> {
    if (this.#engine) await this.leave()
    const { media, chat } = this.#deps
    this.#phase = 'joining'
    this.#failure = null
    this.#sendFailures = NO_SEND_FAILURES
    this.#micOn = media.micEnabled
    this.#cameraOn = media.cameraEnabled
    const engine = createEngine(this.#deps, options.server)
    this.#engine = engine
    this.hosting.attach(engine.moderation)
    engine.setTracks(media.tracks)
    this.#listen(engine)
    this.#holding = true
    const failure = await engine.join(options, this.#mediaState())
    if (this.#engine !== engine) return false
    if (failure) {
      this.#end(failure)
      return false
    }
    chat.start(engine.self?.id ?? '', engine.history, (text) => engine.sendChat(text))
    const meter = (this.#selfMeter = this.#deps.createMeter(media.preview))
    if (meter) this.#unsubscribe.push(meter.onChange(() => this.#refreshOne(engine.self?.id ?? '')))
    await engine.connected(FIRST_RENDER_WAIT_MS)
    if (this.#engine !== engine) return false
    this.#holding = false
    if (this.phase !== 'reconnecting') this.#phase = 'in-call' // (held back by the listener)
    this.#refresh()
    return true
  }

  async leave(): Promise<void> {
    const engine = this.#engine
    this.#teardown()
    this.#phase = 'left'
    await engine?.leave()
  }

  setMic(on: boolean): void {
    this.#talking = false
    this.#applyMic(on)
  }
  toggleMic(): void {
    this.setMic(!this.#micOn)
  }

  /** Hold-to-talk: unmutes while `down` if muted, and mutes again on release. */
  pushToTalk(down: boolean): void {
    if (down && !this.#micOn) {
      this.#talking = true
      this.#applyMic(true)
    } else if (!down && this.#talking) {
      this.#talking = false
      this.#applyMic(false)
    }
  }

  async setCamera(on: boolean): Promise<void> {
    const problem = await this.#deps.media.setCameraEnabled(on)
    this.#cameraOn = this.#deps.media.cameraEnabled
    if (problem) this.#notice = { key: 'notice.cameraFailed' }
    this.#announce()
  }
  toggleCamera(): Promise<void> {
    return this.setCamera(!this.#cameraOn)
  }

  async toggleScreenShare(): Promise<void> {
    const { media } = this.#deps
    if (this.#sharing) {
      media.stopScreenShare()
      this.#sharing = false
    } else {
      const problem = await media.startScreenShare({ systemAudio: this.#deps.systemAudio ?? false })
      // A cancelled picker is no failure worth a notice.
      if (problem && problem.problem !== 'permission-denied') {
        this.#notice = { key: 'notice.shareFailed' }
      }
      this.#sharing = media.tracks.screen !== null
    }
    this.#announce()
  }

  /** How large we show a member's camera (device pixels; null: not shown), for them to send no more. */
  showCamera(id: string, size: ViewSize | null): void {
    this.#engine?.showCamera(id, size)
  }

  dismissNotice(): void {
    this.#notice = null
  }

  /** A new nickname for the rest of the call (renameIn); null once the server agreed. */
  rename(nickname: string): Promise<Translatable | null> {
    return renameIn(this.#engine, nickname, this.#deps.onRenamed)
  }

  #listen(engine: CallEngine): void {
    const { media, chat } = this.#deps
    this.#unsubscribe.push(
      engine.on('change', () => this.#refresh()),
      engine.on('speaking', (id) => this.#refreshOne(id)),
      engine.on('quality', (id) => this.#refreshOne(id)),
      engine.on('phase', (phase, failure) => {
        if (phase === 'ended') this.#end(failure ?? { code: 'internal' })
        else if (!this.#holding || phase !== 'in-call') this.#phase = PHASES[phase]
        this.#notice = phase === 'reconnecting' ? { key: 'notice.reconnecting' } : null
      }),
      engine.on('restarting', () => (this.#notice = { key: 'notice.serverRestarting' })),
      engine.on('chat', (message) => chat.receive(message)),
      engine.on('presence', (event, nickname) => chat.system(event, nickname)),
      engine.on('send-failed', (_kind, counts) => (this.#sendFailures = counts)),
      engine.on('muted', (kind, by) => void this.#mutedByHost(kind, by)),
      media.on('tracks', (tracks) => {
        engine.setTracks(tracks)
        this.#refresh()
      }),
      media.on('screen-ended', () => {
        this.#sharing = false
        this.#announce()
      }),
      media.on('device-lost', (_kind, label) => {
        this.#notice = { key: 'notice.deviceLost', params: { name: label } }
      }),
    )
  }

  /** A host turned a source off: off here at once (the others hear of it), and the user told who. */
  async #mutedByHost(kind: MediaKind, by: string): Promise<void> {
    if (kind === 'audio') this.setMic(false)
    else if (kind === 'video') await this.setCamera(false)
    else if (this.#sharing) await this.toggleScreenShare()
    this.#notice = { key: `notice.mutedBy.${kind}`, params: { by } }
  }

  #applyMic(on: boolean): void {
    this.#deps.media.setMicEnabled(on)
    this.#micOn = on
    this.#announce()
  }

  #mediaState(): MediaState {
    return { audio: this.#micOn, video: this.#cameraOn, screen: this.#sharing }
  }

  #announce(): void {
    this.#engine?.setMedia(this.#mediaState())
    this.#refresh()
  }

  #refresh(): void {
    if (this.#holding) return
    const engine = this.#engine
    const self = engine?.self
    if (!engine || !self) {
      this.#people.clear()
      return
    }
    this.#people.set([this.#ownView(self), ...engine.remotes.map(remoteView)])
    this.safety.update(engine.safety)
    this.#room = engine.room
    this.#deps.chat.setSelf(self.id)
  }

  /** Someone's speaking or quality changed: their tile and row, nobody else's. */
  #refreshOne(id: string): void {
    const self = this.#engine?.self
    const remote = this.#engine?.remotes.find((r) => r.id === id)
    if (remote) this.#people.update(remoteView(remote))
    else if (self?.id === id) this.#people.update(this.#ownView(self))
  }

  #ownView(self: Participant): ParticipantView {
    const media = this.#deps.media
    return selfView(self, {
      media: this.#mediaState(),
      camera: media.preview,
      screen: this.#ownScreen.of(media.tracks.screen),
      speaking: this.#micOn && (this.#selfMeter?.speaking ?? false),
    })
  }

  #end(failure: CallFailure): void {
    this.#teardown()
    this.#failure = failure
    this.#phase = 'failed'
  }

  #teardown(): void {
    for (const stop of this.#unsubscribe.splice(0)) stop()
    this.#selfMeter?.close()
    this.#selfMeter = null
    this.#engine = null
    this.#holding = false
    this.hosting.attach(null)
    this.safety.reset()
    this.#deps.chat.stop()
    this.#deps.media.stop()
    this.#sharing = false
    this.#people.clear()
    this.#room = null
  }
}
