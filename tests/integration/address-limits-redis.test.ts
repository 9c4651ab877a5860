/**
 * Two servers in this process sharing one real redis-server: the limits per address count on both
 * together, so a client that moves to the other node (as a reconnect through a load balancer may)
 * starts no fresh allowance of joins or of password guesses.
 */
import { describe, expect, it } from 'vitest'
import type { RateLimitOptions } from '../../server/options.js'
import { connectClient, joinedClient, startServer, stopAll } from '../support/harness.js'
import { findRedisServer, nodeReady, redisForEachTest } from '../support/redis-server.js'

const found = findRedisServer()
if (found.path === null) console.warn(`skipping Redis limit tests: ${found.reason}`)

const secret = 'a-secret-every-node-shares'
const generous = { burst: 1000, perSecond: 1000 }

describe.skipIf(found.path === null)('limits per address across two Redis nodes', () => {
  // Each test starts from an empty Redis (the counts live there).
  const redis = redisForEachTest(stopAll)

  const twoNodes = async (rateLimits: RateLimitOptions) => {
    const common = { redisUrl: redis().url, secret, rateLimits: { join: generous, ...rateLimits } }
    const [a, b] = [await startServer(common), await startServer(common)]
    // Counted in Redis only once connected (until then each node would count alone).
    await Promise.all([nodeReady(a.url), nodeReady(b.url)])
    return [a.url, b.url] as const
  }

  it('counts joins on both nodes together', async () => {
    const nodes = await twoNodes({ perAddress: { joins: { points: 4, seconds: 60 } } })
    const acks = []
    for (let i = 0; i < 10; i++) {
      // Alternating nodes, a fresh connection each time.
      const client = await connectClient(nodes[i % 2] ?? '')
      acks.push(await client.emitWithAck('room:join', { room: `r${i}`, nickname: 'Loop' }))
      client.disconnect()
    }
    expect(acks.filter((ack) => ack.ok)).toHaveLength(4)
    expect(acks.slice(4).every((ack) => !ack.ok && ack.error.code === 'rate_limited')).toBe(true)
  })

  it('keeps counting on each node alone while Redis is away', async () => {
    const [a] = await twoNodes({ perAddress: { connections: { points: 2, seconds: 60 } } })
    await redis().stop()
    for (let i = 0; i < 2; i++) (await connectClient(a)).disconnect()
    const refused = await connectClient(a).catch((err: Error) => err.message)
    expect(refused).toBe('too_many_connections')
  })

  it('makes a wrong guess on one node wait on the other', async () => {
    const passwords = { free: 1, firstWaitSeconds: 30, maxWaitSeconds: 60, forgetSeconds: 600 }
    const [a, b] = await twoNodes({ perAddress: { passwords, joins: { points: 0, seconds: 60 } } })
    await joinedClient(a, { room: 'vault', nickname: 'Vic', password: 'correct horse' })
    const guess = async (url: string, password: string) =>
      (await connectClient(url)).emitWithAck('room:join', {
        room: 'vault',
        nickname: 'G',
        password,
      })

    expect(await guess(a, 'nope-one')).toMatchObject({ error: { code: 'wrong_password' } })
    expect(await guess(b, 'nope-two')).toMatchObject({
      error: { code: 'wrong_password', retryAfterMs: 30_000 },
    })
    for (const url of [a, b]) {
      const early = await guess(url, 'correct horse')
      expect(early).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
      expect(early.ok ? 0 : early.error.retryAfterMs).toBeGreaterThan(0)
    }
  })
})
