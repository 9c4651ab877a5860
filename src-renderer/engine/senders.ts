/**
 * What one peer connection sends: a transceiver per slot, made when its first track comes and kept
 * for the connection's life, so changing a camera or microphone is a replaceTrack (no
 * renegotiation). Peer decides what goes in each slot; this only puts it there.
 */
import type { ViewSize } from '../../protocol/index.js'
import { cameraEncoding, trackSize } from './view.js'

export type Slot = 'audio' | 'video' | 'screenVideo' | 'screenAudio'

export class Senders {
  readonly #pc: RTCPeerConnection
  readonly #transceivers = new Map<Slot, RTCRtpTransceiver>()
  #caps: { camera: number; screen: number } | null = null
  /** Undefined until the receiver says (the whole picture until then). */
  #view: ViewSize | null | undefined = undefined
  #applying: Promise<void> = Promise.resolve()

  constructor(pc: RTCPeerConnection) {
    this.#pc = pc
  }

  /**
   * Sends `track` (in `stream`) in `slot`; null sends nothing there. True when that made a new
   * transceiver (a new m-line: negotiation is needed).
   */
  async set(
    slot: Slot,
    track: MediaStreamTrack | null,
    stream: MediaStream | null,
  ): Promise<boolean> {
    const transceiver = this.#transceivers.get(slot)
    if (!transceiver) {
      if (!track || !stream) return false
      const sender = this.#pc.addTrack(track, stream)
      const created = this.#pc.getTransceivers().find((t) => t.sender === sender)
      if (created) this.#transceivers.set(slot, created)
      return true
    }
    const sending = track !== null
    if (sending && stream) transceiver.sender.setStreams(stream)
    await transceiver.sender.replaceTrack(track)
    // Another camera may capture at another size: the encoding follows the view again.
    if (slot === 'video' && track) await this.apply()
    // Camera and microphone keep their m-lines (a null track sends nothing); screens renegotiate so
    // the other side sees the share end.
    if (slot === 'screenVideo' || slot === 'screenAudio') {
      transceiver.direction = sending ? 'sendrecv' : 'recvonly'
    }
    return false
  }

  /**
   * Caps the bitrate of the camera and screen senders (bits per second), those there are now and,
   * through `apply`, those made later: a connection is capped before it has any sender.
   */
  setBitrates(caps: { camera: number; screen: number }): Promise<void> {
    this.#caps = caps
    return this.apply()
  }

  /** How the receiver shows our camera (engine/view.ts): the camera's encoding follows it. */
  setView(view: ViewSize | null): Promise<void> {
    this.#view = view
    return this.apply()
  }

  /**
   * Puts the caps and view last set on the senders there are now (a no-op where they are on
   * already). One change at a time: setParameters refuses parameters read before another's.
   */
  apply(): Promise<void> {
    const next = this.#applying.then(() => this.#apply())
    this.#applying = next.catch(() => undefined)
    return next
  }

  async #apply(): Promise<void> {
    const camera = this.#transceivers.get('video')?.sender
    const screen = this.#transceivers.get('screenVideo')?.sender
    const caps = this.#caps
    if (camera) {
      await setEncoding(camera, {
        ...(caps ? { maxBitrate: caps.camera } : {}),
        ...cameraEncoding(trackSize(camera.track), this.#view),
      })
    }
    if (screen && caps) await setEncoding(screen, { maxBitrate: caps.screen })
  }
}

interface Encoding {
  maxBitrate?: number
  scale?: number
  active?: boolean
}

/** Sets what differs of `want` on the sender's (one) encoding. */
async function setEncoding(sender: RTCRtpSender, want: Encoding): Promise<void> {
  const params = sender.getParameters()
  const encoding = params.encodings[0]
  if (!encoding) return
  const next = {
    maxBitrate: want.maxBitrate ?? encoding.maxBitrate,
    scaleResolutionDownBy: want.scale ?? encoding.scaleResolutionDownBy ?? 1,
    active: want.active ?? encoding.active,
  }
  if (
    next.maxBitrate === encoding.maxBitrate &&
    next.scaleResolutionDownBy === (encoding.scaleResolutionDownBy ?? 1) &&
    next.active === encoding.active
  ) {
    return
  }
  Object.assign(encoding, next)
  await sender.setParameters(params)
}
