import { describe, expect, it } from 'vitest'
import type { Fingerprint } from '../lib/safety-code.js'
import { remoteFingerprint, safetyInput, type CallCertificate, type Certified } from './safety.js'

const HEX = Array.from({ length: 32 }, () => 'ab').join(':')
const ours: CallCertificate = {
  certificate: {} as RTCCertificate, // never touched by safetyInput
  fingerprint: { algorithm: 'sha-256', value: '01:02:03' },
}
const bobs: Fingerprint = { algorithm: 'sha-256', value: 'B0:B0:B0' }

function member(over: Partial<Certified>): Certified {
  return { id: 'bob', status: 'connected', fingerprint: bobs, ...over }
}

/** A getStats report as Chromium shapes one: entries keyed by id. */
function report(...entries: Array<{ id: string; type: string } & Record<string, string>>) {
  return new Map(entries.map((e) => [e.id, e]))
}

describe('remoteFingerprint', () => {
  it('reads the certificate a connected transport names, in the normalized form', () => {
    const stats = report(
      { id: 'T01', type: 'transport', dtlsState: 'connected', remoteCertificateId: 'CFr' },
      { id: 'CFl', type: 'certificate', fingerprintAlgorithm: 'sha-256', fingerprint: 'CD:CD' },
      { id: 'CFr', type: 'certificate', fingerprintAlgorithm: 'SHA-256', fingerprint: HEX },
    )
    expect(remoteFingerprint(stats)).toEqual({ algorithm: 'sha-256', value: HEX.toUpperCase() })
  })

  it('knows nothing before DTLS is up', () => {
    const stats = report(
      { id: 'T01', type: 'transport', dtlsState: 'connecting' },
      { id: 'CFr', type: 'certificate', fingerprintAlgorithm: 'sha-256', fingerprint: HEX },
    )
    expect(remoteFingerprint(stats)).toBeNull()
  })

  it('vouches for nobody when two transports present different certificates', () => {
    const stats = report(
      { id: 'T01', type: 'transport', dtlsState: 'connected', remoteCertificateId: 'C1' },
      { id: 'T02', type: 'transport', dtlsState: 'connected', remoteCertificateId: 'C2' },
      { id: 'C1', type: 'certificate', fingerprintAlgorithm: 'sha-256', fingerprint: 'AA:AA' },
      { id: 'C2', type: 'certificate', fingerprintAlgorithm: 'sha-256', fingerprint: 'BB:BB' },
    )
    expect(remoteFingerprint(stats)).toBeNull()
  })
})

describe('safetyInput', () => {
  it('pairs our id and fingerprint with every connected member’s', () => {
    const cat = member({ id: 'cat', fingerprint: { algorithm: 'sha-256', value: 'CA:CA' } })
    expect(safetyInput('ann', ours, [member({}), cat])).toEqual({
      state: 'complete',
      pairs: [
        { member: 'ann', fingerprint: ours.fingerprint },
        { member: 'bob', fingerprint: bobs },
        { member: 'cat', fingerprint: cat.fingerprint },
      ],
    })
  })

  it('is checking, not partial, while any connection is not up with a known certificate', () => {
    expect(
      safetyInput('ann', ours, [member({}), member({ id: 'cat', fingerprint: null })]),
    ).toEqual({ state: 'checking' })
    expect(safetyInput('ann', ours, [member({ status: 'reconnecting' })])).toEqual({
      state: 'checking',
    })
  })

  it('says when we are alone, or have no certificate or seat of our own', () => {
    expect(safetyInput('ann', ours, [])).toEqual({ state: 'alone' })
    expect(safetyInput('ann', null, [member({})])).toEqual({ state: 'unavailable' })
    expect(safetyInput(undefined, ours, [member({})])).toEqual({ state: 'unavailable' })
  })
})
