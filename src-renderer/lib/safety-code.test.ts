import { describe, expect, it } from 'vitest'
import {
  normalizeFingerprint,
  safetyCode,
  spokenCode,
  type Fingerprint,
  type MemberFingerprint,
} from './safety-code.js'

function fp(byte: string): Fingerprint {
  return { algorithm: 'sha-256', value: Array.from({ length: 32 }, () => byte).join(':') }
}

const ann: MemberFingerprint = { member: 'id-ann', fingerprint: fp('A1') }
const bob: MemberFingerprint = { member: 'id-bob', fingerprint: fp('B2') }
const cat: MemberFingerprint = { member: 'id-cat', fingerprint: fp('C3') }

describe('safetyCode', () => {
  it('is four groups of five digits', async () => {
    const code = await safetyCode([ann, bob, cat])
    expect(code).toHaveLength(4)
    for (const group of code) expect(group).toMatch(/^\d{5}$/)
  })

  it('gives the same code for the same set, whoever computes it and in whatever order', async () => {
    const seenByAnn = await safetyCode([ann, bob, cat])
    const seenByBob = await safetyCode([bob, ann, cat])
    const seenByCat = await safetyCode([cat, bob, ann])
    expect(seenByBob).toEqual(seenByAnn)
    expect(seenByCat).toEqual(seenByAnn)
  })

  it('is pinned: the encoding and digit mapping do not drift between versions', async () => {
    // Clients of different versions in one call must agree; a change here needs a new VERSION tag.
    expect((await safetyCode([ann, bob, cat])).join(' ')).toBe(PINNED)
  })

  it('changes when one fingerprint is substituted', async () => {
    const honest = await safetyCode([ann, bob, cat])
    const forged = await safetyCode([ann, { ...bob, fingerprint: fp('B3') }, cat])
    expect(forged).not.toEqual(honest)
  })

  it('binds each fingerprint to its member: two members swapping certificates changes it', async () => {
    const honest = await safetyCode([ann, bob])
    const swapped = await safetyCode([
      { member: ann.member, fingerprint: bob.fingerprint },
      { member: bob.member, fingerprint: ann.fingerprint },
    ])
    expect(swapped).not.toEqual(honest)
  })

  it('changes when a member joins or leaves', async () => {
    const two = await safetyCode([ann, bob])
    const three = await safetyCode([ann, bob, cat])
    const afterBobLeft = await safetyCode([ann, cat])
    expect(three).not.toEqual(two)
    expect(afterBobLeft).not.toEqual(three)
    expect(afterBobLeft).not.toEqual(two)
  })

  it('depends on the fingerprint algorithm too', async () => {
    const sha384 = { ...bob, fingerprint: { ...bob.fingerprint, algorithm: 'sha-384' } }
    expect(await safetyCode([ann, sha384])).not.toEqual(await safetyCode([ann, bob]))
  })
})

describe('normalizeFingerprint', () => {
  it('puts both APIs’ spellings into one form', () => {
    expect(normalizeFingerprint('SHA-256', 'ab:0c:ff')).toEqual({
      algorithm: 'sha-256',
      value: 'AB:0C:FF',
    })
    expect(normalizeFingerprint('sha-256', ' AB:0C:FF ')).toEqual(
      normalizeFingerprint('SHA-256', 'ab:0c:ff'),
    )
  })

  it('refuses what is not a fingerprint', () => {
    expect(normalizeFingerprint('sha-256', '')).toBeNull()
    expect(normalizeFingerprint('sha-256', 'AB0CFF')).toBeNull()
    expect(normalizeFingerprint('sha-256', 'AB:0G')).toBeNull()
    expect(normalizeFingerprint('', 'AB:0C')).toBeNull()
  })
})

describe('spokenCode', () => {
  it('reads digit by digit with a pause between groups', () => {
    expect(spokenCode(['04417', '90210'])).toBe('0 4 4 1 7, 9 0 2 1 0')
  })
})

/**
 * The code of [ann, bob, cat] above under noom-safety-code-v1, checked by hand against Node's own
 * SHA-256 of the same JSON (`["noom-safety-code-v1",[["id-ann","sha-256","A1:…"],…]]`).
 */
const PINNED = '91405 72672 67630 10775'
