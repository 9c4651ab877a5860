// deploy/coturn/turnserver.conf read as text: only holders of the Noom server's credentials get a
// relay, relays are capped, turns: has a certificate, and every private, loopback, link-local, CGNAT,
// metadata, reserved and multicast range is denied in a form coturn 4.6 reads.
import { describe, expect, it } from 'vitest'
import {
  deniedRanges,
  ipNumber,
  MUST_BE_ALLOWED,
  MUST_BE_DENIED,
  turnConf,
} from '../../support/coturn-conf.js'
import { read, TURN_CONF } from '../../support/deploy-files.js'

describe('deploy/coturn/turnserver.conf', () => {
  const conf = turnConf(read(TURN_CONF))
  const keys = new Set(conf.map(([key]) => key))
  const value = (key: string) => conf.find(([k]) => k === key)?.[1]

  it('lets in only holders of credentials from the Noom server (use-auth-secret), with a realm', () => {
    expect(keys).toContain('use-auth-secret')
    expect(value('realm')).toMatch(/\S/)
    expect(keys).toContain('fingerprint')
    expect(Number(value('stale-nonce'))).toBeGreaterThan(0)
    // The secret is set where it is installed, never in the repository.
    expect(keys).not.toContain('static-auth-secret')
    for (const open of ['no-auth', 'lt-cred-mech', 'user', 'allow-loopback-peers', 'web-admin'])
      expect(keys, open).not.toContain(open)
  })

  it('relays neither over TCP nor to multicast, and has no console', () => {
    for (const key of ['no-tcp-relay', 'no-multicast-peers', 'no-cli']) expect(keys).toContain(key)
  })

  it('caps relays per user and in all, and bandwidth per relay above what a Noom member sends', () => {
    expect(Number(value('user-quota'))).toBeGreaterThanOrEqual(42)
    expect(Number(value('total-quota'))).toBeGreaterThan(0)
    // camera 1.5 Mbit/s + screen 2.5 Mbit/s per peer (src-renderer/engine/bitrate.ts), in bytes
    expect(Number(value('max-bps'))).toBeGreaterThanOrEqual(4_000_000 / 8)
  })

  it('serves turns: with a certificate and no TLS 1.0/1.1', () => {
    expect(value('cert')).toMatch(/^\/\S+\.pem$/)
    expect(value('pkey')).toMatch(/^\/\S+\.pem$/)
    expect(keys).toContain('no-tlsv1')
    expect(keys).toContain('no-tlsv1_1')
  })

  it('writes denied ranges as first-last (coturn 4.6 ignores CIDR), with no peer allowed back in', () => {
    const ranges = deniedRanges(conf)
    expect(ranges.filter(({ value }) => value.includes('/')).map(({ value }) => value)).toEqual([])
    for (const { value, first, last } of ranges) {
      expect(first.v6, value).toBe(last.v6)
      expect(first.n <= last.n, value).toBe(true)
    }
    expect(keys).not.toContain('allowed-peer-ip')
    // coturn 4.6 reads "::" as every address, IPv4 included (it refuses :: itself).
    expect(ranges.filter(({ value }) => value === '::' || value.startsWith('::-'))).toEqual([])
  })

  it('denies relays to private, loopback, link-local, CGNAT, metadata, reserved and multicast addresses', () => {
    const ranges = deniedRanges(conf)
    const denied = (address: string) => {
      const { v6, n } = ipNumber(address)
      return ranges.some(({ first, last }) => first.v6 === v6 && first.n <= n && n <= last.n)
    }
    expect(MUST_BE_DENIED.filter((address) => !denied(address))).toEqual([])
    expect(MUST_BE_ALLOWED.filter(denied)).toEqual([])
    expect(ranges.map(({ value }) => value)).toEqual(
      expect.arrayContaining(['10.0.0.0-10.255.255.255', '169.254.169.254']),
    )
  })
})
