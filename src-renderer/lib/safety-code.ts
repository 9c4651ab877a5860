/**
 * The call's safety code: a short number computed from the DTLS certificate fingerprint of every
 * member, as one client sees them (its own certificate, and each peer's from getStats). Everyone
 * hashes the same canonical list, so without a man in the middle everyone reads the same code; a
 * fingerprint substituted anywhere in the mesh makes the codes differ. Pure: no WebRTC here.
 */

/** A certificate fingerprint: `algorithm` lowercase (`sha-256`), `value` uppercase hex pairs with colons. */
export interface Fingerprint {
  algorithm: string
  value: string
}

/** One member of the call (the id the server gave them, which every member agrees on) and their certificate. */
export interface MemberFingerprint {
  member: string
  fingerprint: Fingerprint
}

/** Groups of digits, read aloud one group after another. */
export type SafetyCode = readonly string[]

export const SAFETY_GROUPS = 4
export const SAFETY_GROUP_DIGITS = 5
/** Each group comes from 5 bytes (40 bits) of the digest, taken modulo 10⁵ (bias below 10⁻⁶). */
const BYTES_PER_GROUP = 5
/** Names this encoding: a change to it changes every code, so old and new clients never agree by chance. */
const VERSION = 'noom-safety-code-v1'

const HEX_PAIRS = /^[0-9A-F]{2}(?::[0-9A-F]{2})+$/

/**
 * A fingerprint in the one form the code is computed over, whichever API it came from
 * (`RTCCertificate.getFingerprints()` or a `certificate` stats entry); null when it is not one.
 */
export function normalizeFingerprint(algorithm: string, value: string): Fingerprint | null {
  const normalized = {
    algorithm: algorithm.trim().toLowerCase(),
    value: value.trim().toUpperCase(),
  }
  if (!normalized.algorithm || !HEX_PAIRS.test(normalized.value)) return null
  return normalized
}

/** Whether two fingerprints (or their absence) are the same. */
export function sameFingerprint(a: Fingerprint | null, b: Fingerprint | null): boolean {
  return a?.algorithm === b?.algorithm && a?.value === b?.value
}

/**
 * The bytes that are hashed: a version tag and the (member, algorithm, fingerprint) triples sorted
 * by member id (code unit order, not the locale's), so the order members joined in does not matter.
 */
export function canonicalEncoding(pairs: readonly MemberFingerprint[]): string {
  const rows = pairs
    .map(({ member, fingerprint }) => [member, fingerprint.algorithm, fingerprint.value] as const)
    .sort(([a, , x], [b, , y]) => compare(a, b) || compare(x, y))
  return JSON.stringify([VERSION, rows])
}

/** SHA-256 of the canonical encoding, as SAFETY_GROUPS groups of SAFETY_GROUP_DIGITS digits. */
export async function safetyCode(pairs: readonly MemberFingerprint[]): Promise<SafetyCode> {
  const bytes = new TextEncoder().encode(canonicalEncoding(pairs))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  const groups: string[] = []
  for (let g = 0; g < SAFETY_GROUPS; g++) {
    let n = 0
    for (const byte of digest.subarray(g * BYTES_PER_GROUP, (g + 1) * BYTES_PER_GROUP)) {
      n = n * 256 + byte
    }
    groups.push(String(n % 10 ** SAFETY_GROUP_DIGITS).padStart(SAFETY_GROUP_DIGITS, '0'))
  }
  return groups
}

/**
 * The code as a screen reader should say it: digit by digit, a pause (comma) between groups,
 * so "04417" is not read as "four thousand four hundred seventeen".
 */
export function spokenCode(code: SafetyCode): string {
  return code.map((group) => [...group].join(' ')).join(', ')
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
