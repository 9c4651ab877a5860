/**
 * The engine's side of the safety code (lib/safety-code.ts): one DTLS certificate for all of a
 * call's peer connections, the certificate each connection's far end actually presented (from
 * getStats, not from the SDP the server relayed), and the (member, fingerprint) list this side sees.
 */
import {
  normalizeFingerprint,
  type Fingerprint,
  type MemberFingerprint,
} from '../lib/safety-code.js'
import type { PeerStatus } from './peer.js'

/** Our certificate for the call, and its fingerprint in the form the code is computed over. */
export interface CallCertificate {
  certificate: RTCCertificate
  fingerprint: Fingerprint
}

/**
 * What this side can say about the mesh. `unavailable`: we have no certificate of our own (no
 * WebRTC, or generating one failed); `alone`: nobody else is here; `checking`: some connection is
 * not up yet, so a code now would differ from the others' for no fault of anyone's.
 */
export type SafetyInput =
  | { state: 'unavailable' | 'alone' | 'checking' }
  | { state: 'complete'; pairs: MemberFingerprint[] }

/** A remote member as far as the code needs one. */
export interface Certified {
  readonly id: string
  readonly status: PeerStatus
  /** The certificate their end of our connection presented; null until the connection is up. */
  readonly fingerprint: Fingerprint | null
}

/**
 * Makes the call's certificate (ECDSA P-256, as Chromium's own default), or null where there is no
 * WebRTC (engine tests in Node) or it failed: peer connections then make their own, and the code
 * says it is unavailable.
 */
export async function createCallCertificate(): Promise<CallCertificate | null> {
  if (typeof RTCPeerConnection === 'undefined') return null
  try {
    const keygen: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' }
    const certificate = await RTCPeerConnection.generateCertificate(keygen)
    const fingerprints = certificate.getFingerprints()
    const chosen = fingerprints.find((f) => f.algorithm === 'sha-256') ?? fingerprints[0]
    const fingerprint = normalizeFingerprint(chosen?.algorithm ?? '', chosen?.value ?? '')
    return fingerprint ? { certificate, fingerprint } : null
  } catch (err) {
    console.warn('safety code: no certificate for the call', err)
    return null
  }
}

interface StatsEntry {
  type: string
  dtlsState?: string
  remoteCertificateId?: string
  fingerprint?: string
  fingerprintAlgorithm?: string
}

/**
 * The certificate the far end presented in the DTLS handshake, from a getStats report: each
 * connected transport's `remoteCertificateId` names a `certificate` entry. Null until DTLS is up,
 * or if two transports disagree (we would not know which one to vouch for).
 */
export function remoteFingerprint(report: {
  forEach(cb: (entry: StatsEntry) => void): void
  get(id: string): StatsEntry | undefined
}): Fingerprint | null {
  const found = new Map<string, Fingerprint | null>()
  report.forEach((entry) => {
    if (entry.type !== 'transport' || entry.dtlsState !== 'connected') return
    const certificate = entry.remoteCertificateId
      ? report.get(entry.remoteCertificateId)
      : undefined
    const fingerprint = normalizeFingerprint(
      certificate?.fingerprintAlgorithm ?? '',
      certificate?.fingerprint ?? '',
    )
    found.set(fingerprint ? `${fingerprint.algorithm} ${fingerprint.value}` : '', fingerprint)
  })
  const [only, ...others] = found.values()
  return others.length === 0 ? (only ?? null) : null
}

/** The pairs this side sees: ours and every member's whose connection is up with a known certificate. */
export function safetyInput(
  selfId: string | undefined,
  own: CallCertificate | null,
  remotes: readonly Certified[],
): SafetyInput {
  if (!selfId || !own) return { state: 'unavailable' }
  if (remotes.length === 0) return { state: 'alone' }
  const pairs: MemberFingerprint[] = [{ member: selfId, fingerprint: own.fingerprint }]
  for (const remote of remotes) {
    if (remote.status !== 'connected' || !remote.fingerprint) return { state: 'checking' }
    pairs.push({ member: remote.id, fingerprint: remote.fingerprint })
  }
  return { state: 'complete', pairs }
}
