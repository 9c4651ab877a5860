/**
 * Two Peers in one page, wired through an in-memory signaller that delivers asynchronously, so offers
 * made at the same moment cross ("glare"). The spec drives it through window.peerLab.
 */
import type { SignalPayload } from '../../../protocol/index.js'
import { Peer, type Outgoing, type StreamRole } from '../../../src-renderer/engine/peer.js'
import type { PeerLab } from './peer-lab.js'

interface Side {
  peer: Peer
  sent: string[]
  received: Array<{ role: StreamRole; stream: MediaStream }>
  ended: StreamRole[]
  out: Outgoing
}

function camera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } })
}

/** `burst`: candidates are kept until the end of them, then all delivered in one task. */
function makePair(
  idA: string,
  idB: string,
  initiatorB = true,
  burst = false,
): { a: Side; b: Side } {
  const sides = new Map<string, Side>()
  const kept = new Map<string, SignalPayload[]>()
  const deliver = (to: string, payload: SignalPayload) => {
    let batch = [payload]
    if (burst && 'candidate' in payload) {
      batch = [...(kept.get(to) ?? []), payload]
      if (payload.candidate !== null) return void kept.set(to, batch)
      kept.delete(to)
    }
    setTimeout(() => {
      for (const one of batch) void sides.get(to)?.peer.receive(one)
    }, 0)
  }
  const make = (self: string, remote: string, initiator: boolean): Side => {
    const side: Side = {
      sent: [],
      received: [],
      ended: [],
      out: {
        camera: new MediaStream(),
        audio: null,
        video: null,
        screen: null,
        screenVideo: null,
        screenAudio: null,
      },
      peer: new Peer({
        selfId: self,
        remoteId: remote,
        iceServers: [],
        relayOnly: false,
        // Both offer in glare(): the collision perfect negotiation must survive.
        initiator,
        send: (payload) => {
          if ('description' in payload) side.sent.push(payload.description.type)
          deliver(remote, payload)
        },
        onError: (err) => console.error(err),
      }),
    }
    side.peer.on('stream', (role, stream) => side.received.push({ role, stream }))
    side.peer.on('stream-ended', (role) => side.ended.push(role))
    sides.set(self, side)
    return side
  }
  return { a: make(idA, idB, true), b: make(idB, idA, initiatorB) }
}

async function withCamera(side: Side): Promise<void> {
  const stream = await camera()
  side.out = {
    ...side.out,
    camera: stream,
    audio: stream.getAudioTracks()[0] ?? null,
    video: stream.getVideoTracks()[0] ?? null,
  }
}

async function framesDecoded(peer: Peer): Promise<number> {
  let frames = 0
  ;(await peer.pc.getStats()).forEach(
    (report: { type: string; kind?: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video')
        frames += report.framesDecoded ?? 0
    },
  )
  return frames
}

/** Both sides connected and decoding the other's video. */
async function connectedWithFrames(pair: { a: Side; b: Side }): Promise<void> {
  await until(
    () => pair.a.peer.status === 'connected' && pair.b.peer.status === 'connected',
    'both connected',
  )
  await until(
    async () => (await framesDecoded(pair.a.peer)) > 0 && (await framesDecoded(pair.b.peer)) > 0,
    'frames',
  )
}

/**
 * A pair with cameras, 'aaa' offering, connected with frames both ways; `before` runs once the
 * cameras are open, before any track goes on.
 */
async function cameraPair(
  before?: (pair: { a: Side; b: Side }) => Promise<unknown>,
): Promise<{ a: Side; b: Side }> {
  const pair = makePair('aaa', 'bbb', false)
  await Promise.all([withCamera(pair.a), withCamera(pair.b)])
  await before?.(pair)
  void pair.b.peer.setOutgoing(pair.b.out)
  void pair.a.peer.setOutgoing(pair.a.out)
  await connectedWithFrames(pair)
  return pair
}

async function until(test: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await test()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const lab: PeerLab & { pair: { a: Side; b: Side } | null } = {
  pair: null,

  /** Both sides add camera and microphone at the same moment: both offer, the offers collide. */
  async glare() {
    const pair = makePair('aaa', 'bbb')
    this.pair = pair
    await Promise.all([withCamera(pair.a), withCamera(pair.b)])
    await Promise.all([pair.a.peer.setOutgoing(pair.a.out), pair.b.peer.setOutgoing(pair.b.out)])
    await connectedWithFrames(pair)
    return {
      politeA: pair.a.peer.polite,
      politeB: pair.b.peer.polite,
      sentA: pair.a.sent,
      sentB: pair.b.sent,
      rolesA: pair.a.received.map((r) => r.role),
      rolesB: pair.b.received.map((r) => r.role),
      signalingA: pair.a.peer.pc.signalingState,
      signalingB: pair.b.peer.pc.signalingState,
    }
  },

  /**
   * The member already there (a) adds its tracks while the page is busy right after (as when the
   * newcomer's tile renders): its offer must not wait for negotiationneeded, a task behind that work.
   */
  async firstOffer() {
    const pair = makePair('aaa', 'bbb', false)
    await Promise.all([withCamera(pair.a), withCamera(pair.b)])
    let negotiationNeeded = 0
    pair.a.peer.pc.addEventListener('negotiationneeded', () => negotiationNeeded++)
    // What the newcomer had sent when its listeners (a tile's render) first heard of a stream.
    let sentBAtStream: string[] | null = null
    pair.b.peer.on('stream', () => (sentBAtStream ??= [...pair.b.sent]))
    void pair.b.peer.setOutgoing(pair.b.out)
    void pair.a.peer.setOutgoing(pair.a.out)
    queueMicrotask(() => {
      const busyUntil = performance.now() + 150
      while (performance.now() < busyUntil) {
        // a long render in the same turn of the event loop
      }
    })
    await connectedWithFrames(pair)
    const result = { sentA: pair.a.sent, sentB: pair.b.sent, negotiationNeeded, sentBAtStream }
    pair.a.peer.close()
    pair.b.peer.close()
    return result
  },

  /** The offer's candidates come in one burst: the newcomer applies them without a wait between. */
  async candidateBurst() {
    const pair = makePair('aaa', 'bbb', false, true)
    await Promise.all([withCamera(pair.a), withCamera(pair.b)])
    const pc = pair.b.peer.pc
    const add = pc.addIceCandidate.bind(pc)
    let inFlight = 0
    let mostInFlight = 0
    let applied = 0
    pc.addIceCandidate = async (candidate?: RTCIceCandidateInit | null) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      try {
        await add(candidate ?? undefined)
        applied++
      } finally {
        inFlight--
      }
    }
    void pair.b.peer.setOutgoing(pair.b.out)
    void pair.a.peer.setOutgoing(pair.a.out)
    await connectedWithFrames(pair)
    const result = { mostInFlight, applied, streams: pair.b.received.length }
    pair.a.peer.close()
    pair.b.peer.close()
    return result
  },

  /** Both connections capped before they have any sender, as a roster caps a new member's. */
  async capsBeforeSenders() {
    const caps = { camera: 300_000, screen: 1_000_000 }
    const pair = await cameraPair((p) =>
      Promise.all([p.a.peer.setBitrates(caps), p.b.peer.setBitrates(caps)]),
    )
    const cap = (side: Side) =>
      side.peer.pc
        .getSenders()
        .filter((s) => s.track?.kind === 'video')
        .map((s) => s.getParameters().encodings[0]?.maxBitrate ?? null)
    const result = { offerer: cap(pair.a), answerer: cap(pair.b) }
    pair.a.peer.close()
    pair.b.peer.close()
    return result
  },

  async viewScales() {
    const pair = await cameraPair()
    const sender = pair.a.peer.pc.getSenders().find((s) => s.track?.kind === 'video')
    const encodings: Array<{ scale: number; active: boolean }> = []
    const note = () => {
      const encoding = sender?.getParameters().encodings[0]
      encodings.push({
        scale: encoding?.scaleResolutionDownBy ?? 1,
        active: encoding?.active ?? false,
      })
    }
    // The 320 × 240 camera shown in a 160 × 100 tile: cropped to fill it, it shows 160 wide.
    await pair.a.peer.receive({ view: { camera: { width: 160, height: 100 } } })
    note()
    let decodedWidth = 0
    await until(async () => {
      ;(await pair.b.peer.pc.getStats()).forEach((r: { type: string; frameWidth?: number }) => {
        if (r.type === 'inbound-rtp' && r.frameWidth) decodedWidth = r.frameWidth
      })
      return decodedWidth === 160
    }, 'frames 160 wide')
    await pair.a.peer.receive({ view: { camera: null } })
    note()
    await pair.a.peer.receive({ view: { camera: { width: 160, height: 100 } } })
    // Another camera, capturing larger (a canvas: the fake camera is open at 320 × 240 already),
    // so the same tile takes a larger step.
    const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 480 })
    canvas.getContext('2d')?.fillRect(0, 0, 640, 480)
    const larger = canvas.captureStream(10).getVideoTracks()[0] ?? null
    await pair.a.peer.setOutgoing({ ...pair.a.out, video: larger })
    note()
    pair.a.peer.close()
    pair.b.peer.close()
    return { encodings, decodedWidth }
  },

  async relayOnly() {
    const candidates: string[] = []
    const stream = await camera()
    const peer = new Peer({
      selfId: 'aaa',
      remoteId: 'bbb',
      iceServers: [],
      relayOnly: true,
      initiator: true,
      send: (payload) => {
        if ('candidate' in payload && payload.candidate)
          candidates.push(payload.candidate.candidate)
      },
    })
    await peer.setOutgoing({
      camera: stream,
      audio: stream.getAudioTracks()[0] ?? null,
      video: stream.getVideoTracks()[0] ?? null,
      screen: null,
      screenVideo: null,
      screenAudio: null,
    })
    await until(() => peer.pc.iceGatheringState === 'complete', 'gathering complete')
    const result = {
      policy: peer.pc.getConfiguration().iceTransportPolicy ?? '',
      candidates,
      gathering: peer.pc.iceGatheringState,
    }
    peer.close()
    return result
  },

  /** A shares a screen: B gets a stream with role 'screen'; A stops: B hears it ended. */
  async screenShare() {
    const pair = this.pair
    if (!pair) throw new Error('run glare first')
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true })
    const video = screen.getVideoTracks()[0] ?? null
    if (video) video.contentHint = 'detail'
    pair.a.out = { ...pair.a.out, screen, screenVideo: video }
    await pair.a.peer.setOutgoing(pair.a.out)
    await until(() => pair.b.received.some((r) => r.role === 'screen'), 'screen at B')
    const screenAtB = pair.b.received.find((r) => r.role === 'screen')
    const cameraIdAtB = pair.b.received.find((r) => r.role === 'camera')?.stream.id
    video?.stop()
    pair.a.out = { ...pair.a.out, screen: null, screenVideo: null }
    await pair.a.peer.setOutgoing(pair.a.out)
    await until(() => pair.b.ended.includes('screen'), 'screen ended at B')
    return {
      screenStreamMatches: screenAtB?.stream.id === screen.id,
      cameraStreamMatches: cameraIdAtB === pair.a.out.camera.id,
      endedAtB: pair.b.ended,
      cameraStillConnected: pair.b.peer.status === 'connected',
    }
  },
}

;(window as unknown as { peerLab: PeerLab }).peerLab = lab
