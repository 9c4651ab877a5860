/**
 * What one peer connection sends: a transceiver per slot, made when its first track comes and kept
 * for the connection's life, so changing a camera or microphone is a replaceTrack (no
 * renegotiation). Peer decides what goes in each slot; this only puts it there.
 */

export type Slot = 'audio' | 'video' | 'screenVideo' | 'screenAudio'

export class Senders {
  readonly #pc: RTCPeerConnection
  readonly #transceivers = new Map<Slot, RTCRtpTransceiver>()
  #caps: { camera: number; screen: number } | null = null

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
    // Camera and microphone keep their m-lines (a null track sends nothing); screens renegotiate so
    // the other side sees the share end.
    if (slot === 'screenVideo' || slot === 'screenAudio') {
      transceiver.direction = sending ? 'sendrecv' : 'recvonly'
    }
    return false
  }

  /**
   * Caps the bitrate of the camera and screen senders (bits per second), those there are now and,
   * through `applyCaps`, those made later: a connection is capped before it has any sender.
   */
  async setBitrates(caps: { camera: number; screen: number }): Promise<void> {
    this.#caps = caps
    await this.applyCaps()
  }

  /** Puts the caps last set on the senders there are now (a no-op where they are on already). */
  async applyCaps(): Promise<void> {
    const caps = this.#caps
    if (!caps) return
    await setMaxBitrate(this.#transceivers.get('video')?.sender, caps.camera)
    await setMaxBitrate(this.#transceivers.get('screenVideo')?.sender, caps.screen)
  }
}

async function setMaxBitrate(sender: RTCRtpSender | undefined, maxBitrate: number): Promise<void> {
  if (!sender) return
  const params = sender.getParameters()
  const encoding = params.encodings[0]
  if (!encoding || encoding.maxBitrate === maxBitrate) return
  encoding.maxBitrate = maxBitrate
  await sender.setParameters(params)
}
