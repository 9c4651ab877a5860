/** Fake remote members for the engine's Node tests: Node has no WebRTC, so no peer connections. */
import type { SignalPayload, ViewSize } from '../../protocol/index.js'
import type { Outgoing, PeerStatus } from './peer.js'
import type { CreateRemote, Remote, RemoteOptions } from './remote.js'
import type { Quality } from './types.js'

/** Stands in for a RemoteMember: records what the engine hands it. */
export class FakeRemote implements Remote {
  participant: RemoteOptions['participant']
  readonly options: RemoteOptions
  readonly camera = null
  readonly screen = null
  /** Tests set these as a real member's stats and meter would. */
  quality: Quality | null = null
  readonly status: PeerStatus = 'connected'
  speaking = false
  readonly fingerprint = null
  up: Promise<void> = Promise.resolve()
  readonly received: SignalPayload[] = []
  readonly sent: Outgoing[] = []
  /** Every set of ICE servers handed to the open connection, in order. */
  readonly iceUpdates: RTCIceServer[][] = []
  /** Every view of their camera told to this connection, in order. */
  readonly views: Array<ViewSize | null> = []
  closed = false

  constructor(options: RemoteOptions) {
    this.options = options
    this.participant = options.participant
  }

  get id(): string {
    return this.participant.id
  }
  receive(payload: SignalPayload): void {
    this.received.push(payload)
  }
  send(out: Outgoing): Promise<void> {
    this.sent.push(out)
    return Promise.resolve()
  }
  setBitrates(): Promise<void> {
    return Promise.resolve()
  }
  showCamera(size: ViewSize | null): void {
    this.views.push(size)
  }
  setIceServers(iceServers: RTCIceServer[]): void {
    this.iceUpdates.push(iceServers)
  }
  measure(): Promise<void> {
    return Promise.resolve()
  }
  close(): void {
    this.closed = true
  }
}

/** A createRemote that makes FakeRemotes and keeps every one it made. */
export function fakeRemotes(): { createRemote: CreateRemote; made: FakeRemote[] } {
  const made: FakeRemote[] = []
  const createRemote: CreateRemote = (options) => {
    const remote = new FakeRemote(options)
    made.push(remote)
    return remote
  }
  return { createRemote, made }
}

/** Node has no MediaStream; the engine only reads the camera stream's id (to name its role). */
export const fakeCameraStream = { id: 'camera-stream' } as unknown as MediaStream
