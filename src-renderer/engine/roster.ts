/**
 * The other members of a call: one Remote each, in the order they joined, with the signals that
 * came before their `peer:joined` and the members a resume left out (arrivals.ts). CallEngine hands
 * it what the server says about members; it reports changes and comings and goings.
 */
import type { MediaState, Participant, SignalPayload, ViewSize } from '../../protocol/index.js'
import { Arrivals } from './arrivals.js'
import { bitrateCaps } from './bitrate.js'
import type { Outgoing } from './peer.js'
import type { CreateRemote, CreateSpeechMeter, Remote } from './remote.js'
import { sameQuality } from './quality.js'
import type { Quality } from './types.js'
import type { CallCertificate } from './safety.js'

export interface RosterOptions {
  createRemote: CreateRemote
  relayOnly: boolean
  createMeter: CreateSpeechMeter
  /** How long a member a resume left out is waited for. */
  graceMs: number
  /** What we send, to hand each new member. */
  out: () => Outgoing
  /** Relays one signal to a member. */
  signal: (to: string, payload: SignalPayload) => void
  /** A bitrate cap could not be applied. */
  onBitrateFailed: (error: unknown) => void
  /** Members came or went, or something about one changed (not speaking or quality). */
  onChange: () => void
  /** `id` started or stopped speaking. */
  onSpeaking: (id: string, speaking: boolean) => void
  /** `id`'s connection quality was sampled again and came out different. */
  onQuality: (id: string, quality: Quality | null) => void
  /** Someone joined or left (not raised for members kept through a resume). */
  onPresence: (event: 'joined' | 'left', nickname: string) => void
}

export class Roster {
  readonly #options: RosterOptions
  readonly #remotes = new Map<string, Remote>()
  readonly #arrivals: Arrivals
  #selfId: string | null = null
  #iceServers: RTCIceServer[] = []
  #certificate: CallCertificate | null = null
  /** Members who joined while our offer to them is still on its way: the UI has not heard of them. */
  readonly #unannounced = new Set<string>()
  /** How we show each member's camera, told again to a connection made anew (showCamera). */
  readonly #views = new Map<string, ViewSize | null>()

  constructor(options: RosterOptions) {
    this.#options = options
    this.#arrivals = new Arrivals({ graceMs: options.graceMs, onGone: (id) => this.#gone(id) })
  }

  /** Remote members in the order they joined. */
  get list(): Remote[] {
    return [...this.#remotes.values()]
  }

  /** The call's certificate, once made; null where there is none (see engine/safety.ts). */
  get certificate(): CallCertificate | null {
    return this.#certificate
  }

  /** Every peer connection from now on presents this certificate (one per call). */
  certify(certificate: CallCertificate | null): void {
    this.#certificate = certificate
  }

  /** Our seat: members with this id are us; peer connections use these ICE servers. */
  seat(selfId: string, iceServers?: RTCIceServer[]): void {
    this.#selfId = selfId
    if (iceServers) this.setIceServers(iceServers)
  }

  /** New peer connections use these ICE servers, and open ones take them (fresh credentials). */
  setIceServers(iceServers: RTCIceServer[]): void {
    this.#iceServers = iceServers
    for (const remote of this.#remotes.values()) remote.setIceServers(iceServers)
  }

  /** The members a join answer lists: they were here first, so they offer. */
  enter(peers: Participant[]): void {
    for (const peer of peers) void this.#add(peer, false)
  }

  joined(participant: Participant): void {
    const known = this.#remotes.get(participant.id)
    this.#arrivals.stopWaiting(participant.id)
    // A known member whose seat a restarted server rebuilt: the same person, whose media state the
    // server does not know yet (their own media:update follows).
    if (known) known.participant = { ...participant, media: known.participant.media }
    const offered = known ? null : this.#add(participant, true)
    if (!offered) return this.#options.onChange()
    // The UI hears of them once our offer is out: their new tile's render must not hold it back.
    const remote = this.#remotes.get(participant.id)
    this.#unannounced.add(participant.id)
    void offered.then(() => {
      if (this.#remotes.get(participant.id) !== remote) return
      this.#unannounced.delete(participant.id)
      this.#options.onPresence('joined', participant.nickname)
      this.#options.onChange()
    })
  }

  left(id: string): void {
    if (!this.#remotes.has(id)) return
    this.#arrivals.stopWaiting(id)
    this.#gone(id)
  }

  updated(participant: Participant): void {
    const remote = this.#remotes.get(participant.id)
    if (!remote) return
    remote.participant = participant
    this.#options.onChange()
  }

  /** A signal for one member; one we do not know yet waits until they join. */
  signal(from: string, payload: SignalPayload): void {
    const remote = this.#remotes.get(from)
    if (remote) remote.receive(payload)
    else this.#arrivals.keepEarly(from, payload)
  }

  /**
   * Back after a reconnection: keep who is still there, wait for the rest, add newcomers.
   * `rebuilt`: a restarted server rebuilt the seats, so a known member listed with nothing on keeps
   * the media we knew until their own update (as in `joined`).
   */
  rejoined(peers: Participant[], resumed: boolean, rebuilt = false): void {
    if (!resumed) {
      // A new id: every peer negotiated with the old one, so start again.
      for (const id of [...this.#remotes.keys()]) this.#remove(id)
    }
    const present = new Set(peers.map((p) => p.id))
    for (const id of this.#remotes.keys()) if (!present.has(id)) this.#arrivals.waitForReturn(id)
    for (const peer of peers) {
      this.#arrivals.stopWaiting(peer.id)
      const known = this.#remotes.get(peer.id)
      if (!known) void this.#add(peer, false)
      else if (rebuilt && nothingOn(peer.media)) {
        known.participant = { ...peer, media: known.participant.media }
      } else known.participant = peer
    }
  }

  /** Sends what we send now to everyone. */
  send(out: Outgoing): void {
    for (const remote of this.#remotes.values()) void remote.send(out)
  }

  /** How large we show `id`'s camera (device pixels; null: not shown): they send no more. */
  showCamera(id: string, size: ViewSize | null): void {
    const remote = this.#remotes.get(id)
    if (!remote) return
    this.#views.set(id, size)
    remote.showCamera(size)
  }

  /** Settles once the connection to every member we know is up (or closed), or after `ms`. */
  up(ms: number): Promise<void> {
    const all = Promise.all([...this.#remotes.values()].map((r) => r.up))
    return Promise.race([all.then(() => {}), new Promise<void>((r) => setTimeout(r, ms))])
  }

  /** Takes a quality sample of every connection, and tells of each one that changed. */
  async measure(now: number): Promise<void> {
    const remotes = [...this.#remotes.values()]
    const before = remotes.map((r) => r.quality)
    await Promise.all(remotes.map((r) => r.measure(now).catch(() => undefined)))
    remotes.forEach((remote, i) => {
      const gone = this.#remotes.get(remote.id) !== remote
      if (gone || sameQuality(before[i] ?? null, remote.quality)) return
      this.#options.onQuality(remote.id, remote.quality)
    })
  }

  close(): void {
    this.#arrivals.clear()
    for (const remote of this.#remotes.values()) remote.close()
    this.#remotes.clear()
    this.#unannounced.clear()
    this.#views.clear()
  }

  /**
   * `initiator`: they joined after us, so we offer first (see PeerOptions.initiator). Settles once
   * what we send is on the connection (and our first offer out); null when there is nobody new to
   * add (ourselves, or a member we have).
   */
  #add(participant: Participant, initiator: boolean): Promise<void> | null {
    const selfId = this.#selfId
    const id = participant.id
    if (!selfId || id === selfId || this.#remotes.has(id)) return null
    const options = this.#options
    const remote = options.createRemote({
      selfId,
      participant,
      initiator,
      iceServers: this.#iceServers,
      relayOnly: options.relayOnly,
      certificate: this.#certificate?.certificate ?? null,
      send: options.signal,
      createMeter: options.createMeter,
      onChange: options.onChange,
      onSpeaking: () => options.onSpeaking(id, remote.speaking),
      onError: (err) => console.warn('peer', id, err),
    })
    this.#remotes.set(id, remote)
    for (const payload of this.#arrivals.takeEarly(id)) remote.receive(payload)
    const view = this.#views.get(id)
    if (view !== undefined) remote.showCamera(view)
    const sent = remote.send(options.out())
    this.#applyBitrates()
    return sent
  }

  #remove(id: string): void {
    this.#remotes.get(id)?.close()
    this.#remotes.delete(id)
    this.#unannounced.delete(id)
    this.#applyBitrates()
  }

  /** `id` left (or never came back): drop their connection and say so. */
  #gone(id: string): void {
    const remote = this.#remotes.get(id)
    if (!remote) return
    // Someone who left before the UI heard of them came and went unseen.
    const unseen = this.#unannounced.has(id)
    this.#remove(id)
    this.#views.delete(id)
    if (unseen) return
    this.#options.onPresence('left', remote.participant.nickname)
    this.#options.onChange()
  }

  #applyBitrates(): void {
    const caps = bitrateCaps(this.#remotes.size)
    for (const remote of this.#remotes.values()) {
      remote.setBitrates(caps).catch(this.#options.onBitrateFailed)
    }
  }
}

/** Microphone, camera and screen all off (as a seat a restarted server rebuilt starts). */
export function nothingOn(media: MediaState): boolean {
  return !media.audio && !media.video && !media.screen
}
