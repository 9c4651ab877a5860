import { describe, expect, it } from 'vitest'
import { RATE_LIMITS, type RateFamily } from '../../protocol/index.js'
import { clientAddress, limitKey, proxyTrust } from './client-address.js'
import { isOriginAllowed } from './connection-guard.js'
import { hashPassword, verifyPassword } from './password.js'
import { SocketRateLimits, type SocketLimiter } from './rate-limit.js'
import { ResumeTokens, type ResumeClaims } from './resume-token.js'

describe('password hashing', () => {
  it('verifies the right password only, and stores no plain text', async () => {
    const stored = await hashPassword('correct horse')
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(stored).not.toContain('correct horse')
    expect(await verifyPassword('correct horse', stored)).toBe(true)
    expect(await verifyPassword('correct hors', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
    expect(await hashPassword('correct horse')).not.toBe(stored)
  })

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false)
    expect(await verifyPassword('x', 'scrypt$1$2')).toBe(false)
  })
})

describe('SocketRateLimits', () => {
  const limits = {
    ...RATE_LIMITS,
    join: { burst: 2, perSecond: 1 },
    chat: { burst: 0, perSecond: 1 },
  }

  it('allows a burst per socket and family, refuses beyond it, and forgets a closed socket', async () => {
    const perSocket = new SocketRateLimits(limits)
    const one = perSocket.for('one')
    const takes = async (limiter: SocketLimiter, family: RateFamily, n: number) => {
      const taken = []
      for (let i = 0; i < n; i++) taken.push(await limiter.take(family))
      return taken
    }
    expect(await takes(one, 'join', 3)).toEqual([true, true, false])
    // Other families and other sockets are counted apart.
    expect(await one.take('update')).toBe(true)
    expect(await takes(perSocket.for('two'), 'join', 2)).toEqual([true, true])
    // A burst of 0 lets nothing through.
    expect(await one.take('chat')).toBe(false)
    perSocket.forget('one')
    expect(await takes(perSocket.for('one'), 'join', 3)).toEqual([true, true, false])
  })
})

describe('ResumeTokens', () => {
  const claims: ResumeClaims = {
    v: 1,
    id: 'member-1',
    room: 'team',
    roomKey: 'key',
    visibility: 'private',
    passwordHash: 'scrypt$16384$8$1$salt$hash',
    iat: 1_700_000_000_000,
  }

  it('opens what it sealed, and hides the claims from the holder', () => {
    const tokens = new ResumeTokens('secret-one-secret-one')
    const token = tokens.seal(claims)
    expect(tokens.open(token)).toEqual(claims)
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('member-1')
  })

  it('refuses tokens that were altered, truncated, or sealed under another secret', () => {
    const tokens = new ResumeTokens('secret-one-secret-one')
    const token = tokens.seal(claims)
    const flipped = Buffer.from(token, 'base64url')
    flipped[20] = (flipped[20] ?? 0) ^ 1
    expect(tokens.open(flipped.toString('base64url'))).toBeNull()
    expect(tokens.open(token.slice(0, 20))).toBeNull()
    expect(tokens.open('')).toBeNull()
    expect(new ResumeTokens('secret-two-secret-two').open(token)).toBeNull()
  })
})

describe('isOriginAllowed', () => {
  const host = '127.0.0.1:3000'
  it.each([
    [undefined, true, 'no Origin: not a browser'],
    ['http://127.0.0.1:3000', true, 'the page this server served'],
    ['app://noom', true, 'the desktop app'],
    ['https://friend.example', true, 'configured'],
    ['https://evil.example', false, 'a foreign page'],
    ['http://127.0.0.1:3001', false, 'another port'],
    ['http://127.0.0.1:3000.evil.example', false, 'a look-alike host'],
    ['null', false, 'an opaque origin'],
    ['javascript:alert(1)', false, 'not http'],
    ['app://evil', false, 'another app scheme host'],
  ])('%s → %s (%s)', (origin, allowed, _why) => {
    expect(isOriginAllowed(origin, host, ['https://friend.example'])).toBe(allowed)
  })

  it('admits any origin when told "*"', () => {
    expect(isOriginAllowed('https://evil.example', host, ['*'])).toBe(true)
  })
})

describe('clientAddress', () => {
  const chain = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9, 10.0.0.2' }

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress(chain, '192.0.2.1', proxyTrust([]))).toBe('192.0.2.1')
    expect(clientAddress(chain, '192.0.2.1', proxyTrust(['10.0.0.0/8']))).toBe('192.0.2.1')
  })

  it('takes the right-most address of a trusted chain that is not itself a trusted proxy', () => {
    // 10.0.0.1 (the peer) and 10.0.0.2 are proxies; 203.0.113.9 is who reached them.
    expect(clientAddress(chain, '10.0.0.1', proxyTrust(['10.0.0.0/8']))).toBe('203.0.113.9')
    // A client's own X-Forwarded-For (198.51.100.7, forged or not) is never believed past that.
    const both = proxyTrust(['10.0.0.0/8', '203.0.113.9'])
    expect(clientAddress(chain, '10.0.0.1', both)).toBe('198.51.100.7')
    expect(clientAddress({}, '10.0.0.1', proxyTrust(['10.0.0.0/8']))).toBe('10.0.0.1')
  })

  it('reads addresses, CIDRs and names, IPv4 and IPv6, and refuses anything else', () => {
    const trust = proxyTrust(['loopback', '2001:db8::/32', '192.0.2.5'])
    const from = (peer: string) => clientAddress({ 'x-forwarded-for': '198.51.100.1' }, peer, trust)
    expect(['127.0.0.1', '::1', '2001:db8::7', '192.0.2.5'].map(from)).toEqual(
      Array(4).fill('198.51.100.1'),
    )
    expect(from('192.0.2.6')).toBe('192.0.2.6')
    expect(() => proxyTrust(['proxy.example'])).toThrow(/proxy.example/)
    expect(() => proxyTrust(['10.0.0.0/33'])).toThrow(/10.0.0.0\/33/)
  })
})

describe('limitKey', () => {
  it('counts an IPv6 host by its /64, and IPv4-mapped addresses as IPv4', () => {
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe(limitKey('2001:db8:1:2:bbbb::9'))
    expect(limitKey('2001:db8:1:2::1')).not.toBe(limitKey('2001:db8:1:3::1'))
    expect(limitKey('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(limitKey('203.0.113.9')).toBe('203.0.113.9')
  })
})
