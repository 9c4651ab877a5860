import { afterEach, describe, expect, it } from 'vitest'
import { ADDRESS_LIMITS } from '../../protocol/index.js'
import { connectClient, joinedClient, startServer, stopAll } from '../../tests/support/harness.js'

afterEach(stopAll)

/** One fresh connection per try, closed after its join: a client that reconnects every time. */
async function joinOnFreshSocket(url: string, room: string, headers?: Record<string, string>) {
  const client = await connectClient(url, headers ? { extraHeaders: headers } : {})
  const ack = await client.emitWithAck('room:join', { room, nickname: 'Loop' })
  client.disconnect()
  return ack
}

describe('limits per address, whatever connection a client comes back on', () => {
  it('does not let a reconnect loop beat the join limit (defaults)', async () => {
    const { url } = await startServer()
    const tries = 2 * ADDRESS_LIMITS.joins.points + 4
    const acks = []
    for (let i = 0; i < tries; i++) acks.push(await joinOnFreshSocket(url, `loop-${i}`))
    expect(acks.filter((ack) => ack.ok)).toHaveLength(ADDRESS_LIMITS.joins.points)
    const refused = acks.slice(ADDRESS_LIMITS.joins.points)
    for (const ack of refused) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
      // The refusal says how long to wait: within the rest of the minute.
      const wait = ack.ok ? 0 : (ack.error.retryAfterMs ?? 0)
      expect(wait).toBeGreaterThan(0)
      expect(wait).toBeLessThanOrEqual(ADDRESS_LIMITS.joins.seconds * 1000)
    }
  })

  it('counts new connections per address, not open ones alone', async () => {
    const { url } = await startServer({
      rateLimits: { perAddress: { connections: { points: 3, seconds: 60 } } },
    })
    for (let i = 0; i < 3; i++) (await connectClient(url)).disconnect()
    const refused = await connectClient(url).catch((err: Error & { data?: unknown }) => err)
    expect(refused).toMatchObject({
      message: 'too_many_connections',
      data: { code: 'too_many_connections', retryAfterMs: expect.any(Number) as number },
    })
  })

  it('refuses limits that are not whole numbers, naming them', async () => {
    const bad = [
      [{ joins: { points: -1, seconds: 60 } }, 'joins.points must be a whole number of at least 0'],
      [{ connections: { points: 5, seconds: 0.5 } }, 'connections.seconds'],
      [{ passwords: { firstWaitSeconds: 10, maxWaitSeconds: 5 } }, 'passwords.maxWaitSeconds'],
      [{ hashesAtOnce: 0 }, 'hashesAtOnce must be a whole number of at least 1'],
    ] as const
    for (const [perAddress, message] of bad) {
      await expect(startServer({ rateLimits: { perAddress } })).rejects.toThrow(message)
    }
  })

  it('turns a limit off with 0 points', async () => {
    const { url } = await startServer({
      rateLimits: { perAddress: { joins: { points: 0, seconds: 60 } } },
    })
    const acks = []
    for (let i = 0; i < ADDRESS_LIMITS.joins.points + 2; i++)
      acks.push(await joinOnFreshSocket(url, `r${i}`))
    expect(acks.every((ack) => ack.ok)).toBe(true)
  })
})

describe('X-Forwarded-For and trusted proxies', () => {
  const oneJoin = { perAddress: { joins: { points: 1, seconds: 60 } } }

  it('counts each forwarded client alone behind a trusted proxy, by the right-most untrusted hop', async () => {
    const { url } = await startServer({ trustedProxies: ['loopback'], rateLimits: oneJoin })
    const first = { 'x-forwarded-for': '203.0.113.1' }
    expect(await joinOnFreshSocket(url, 'a', first)).toMatchObject({ ok: true })
    expect(await joinOnFreshSocket(url, 'b', { 'x-forwarded-for': '203.0.113.2' })).toMatchObject({
      ok: true,
    })
    // The same client again, and one that put a made-up address in front of its own: both 203.0.113.1.
    expect(await joinOnFreshSocket(url, 'c', first)).toMatchObject({
      error: { code: 'rate_limited' },
    })
    const forged = { 'x-forwarded-for': '198.51.100.99, 203.0.113.1' }
    expect(await joinOnFreshSocket(url, 'd', forged)).toMatchObject({
      error: { code: 'rate_limited' },
    })
  })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const { url } = await startServer({ trustedProxies: ['10.0.0.0/8'], rateLimits: oneJoin })
    const first = await joinOnFreshSocket(url, 'a', { 'x-forwarded-for': '203.0.113.1' })
    const second = await joinOnFreshSocket(url, 'b', { 'x-forwarded-for': '203.0.113.2' })
    expect(first).toMatchObject({ ok: true })
    // Both are 127.0.0.1, whatever they claim.
    expect(second).toMatchObject({ error: { code: 'rate_limited' } })
  })

  it('refuses a trusted-proxy entry it cannot read', async () => {
    await expect(() => startServer({ trustedProxies: ['proxy.example'] })).rejects.toThrow(
      /trustedProxies: .*proxy\.example/,
    )
  })
})

describe('knocks per address', () => {
  it('holds across fresh connections', async () => {
    const perAddress = { knocks: { points: 2, seconds: 60 } }
    const { url } = await startServer({ rateLimits: { perAddress } })
    await joinedClient(url, { room: 'door', nickname: 'Ann', admission: 'knock' })
    const answers = []
    for (let i = 0; i < 3; i++) {
      const knocker = await connectClient(url)
      const waiting = new Promise((resolve) => knocker.once('room:waiting', resolve))
      const ack = knocker.emitWithAck('room:join', { room: 'door', nickname: `K${i}` })
      answers.push(await Promise.race([waiting.then(() => 'waiting'), ack]))
    }
    expect(answers.slice(0, 2)).toEqual(['waiting', 'waiting'])
    expect(answers[2]).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
  })
})
