/** A peer connection's status as the call shows it, from the connection's own state. */

export type PeerStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed'

/** What a connection's state makes of a peer's status (a reconnection stays one until it is up). */
export function statusFor(state: RTCPeerConnectionState, current: PeerStatus): PeerStatus {
  switch (state) {
    case 'connected':
      return 'connected'
    case 'disconnected':
    case 'failed':
      return 'reconnecting'
    case 'closed':
      return 'closed'
    case 'new':
    case 'connecting':
      return current === 'reconnecting' ? current : 'connecting'
    default: {
      const unhandled: never = state
      return unhandled
    }
  }
}
