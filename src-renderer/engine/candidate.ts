/** An ICE candidate as the wire carries it (docs/protocol.md, `signal:send`). */
import type { SignalPayload } from '../../protocol/index.js'

type CandidateInit = NonNullable<Extract<SignalPayload, { candidate: unknown }>['candidate']>

export function toCandidateInit(candidate: RTCIceCandidate): CandidateInit {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  }
}
