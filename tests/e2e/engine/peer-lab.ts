/** What tests/e2e/engine/peer.entry.ts puts on `window.peerLab` (plain data, no DOM types). */
export interface PeerLab {
  glare(): Promise<{
    politeA: boolean
    politeB: boolean
    sentA: string[]
    sentB: string[]
    rolesA: string[]
    rolesB: string[]
    signalingA: string
    signalingB: string
  }>
  /** One side offers (the member already there), the other answers with its tracks. */
  firstOffer(): Promise<{
    sentA: string[]
    sentB: string[]
    negotiationNeeded: number
    sentBAtStream: string[] | null
  }>
  /** Candidates delivered in one burst: how many the newcomer had in flight at once, and applied. */
  candidateBurst(): Promise<{ mostInFlight: number; applied: number; streams: number }>
  /** Caps set before any sender exists: the camera sender each side makes later, as it has it. */
  capsBeforeSenders(): Promise<{ offerer: (number | null)[]; answerer: (number | null)[] }>
  /**
   * One side told how the other shows its camera (`{ view }`): its camera encoding after each
   * view, and the width the other then decodes.
   */
  viewScales(): Promise<{
    encodings: Array<{ scale: number; active: boolean }>
    decodedWidth: number
  }>
  /** A relay-only peer with no TURN server: which candidates (if any) it offers. */
  relayOnly(): Promise<{ policy: string; candidates: string[]; gathering: string }>
  screenShare(): Promise<{
    screenStreamMatches: boolean
    cameraStreamMatches: boolean
    endedAtB: string[]
    cameraStillConnected: boolean
  }>
}
