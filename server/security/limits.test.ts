import { afterEach, describe, expect, it } from 'vitest'
import { RATE_LIMITS } from '../../protocol/index.js'
import { connectClient, joinedClient, startServer, stopAll } from '../../tests/support/harness.js'

afterEach(stopAll)

describe('rate limits', () => {
  it('refuses a flooding client with rate_limited while another client is served normally', async () => {
    const { url } = await startServer()
    const flooder = await joinedClient(url, { room: 'demo', nickname: 'Flood' })
    const calm = await joinedClient(url, { room: 'demo', nickname: 'Calm' })
    const burst = RATE_LIMITS.chat.burst
    const flood = await Promise.all(
      Array.from({ length: burst * 3 }, (_, i) =>
        flooder.client.emitWithAck('chat:send', { text: `spam ${i}` }),
      ),
    )
    const limited = flood.filter((ack) => !ack.ok && ack.error.code === 'rate_limited')
    expect(limited.length).toBeGreaterThanOrEqual(burst)
    expect(flood.slice(0, burst).every((ack) => ack.ok)).toBe(true)

    const calmAcks = await Promise.all(
      Array.from({ length: burst }, () => calm.client.emitWithAck('chat:send', { text: 'hello' })),
    )
    expect(calmAcks.every((ack) => ack.ok)).toBe(true)
    // The families are separate: the flooder may still signal and update.
    expect(
      await flooder.client.emitWithAck('media:update', { audio: true, video: true, screen: false }),
    ).toEqual({ ok: true })
  })

  it('limits joins too: a burst of room:join is cut off', async () => {
    const { url } = await startServer()
    const client = await connectClient(url)
    const acks = await Promise.all(
      Array.from({ length: RATE_LIMITS.join.burst + 4 }, (_, i) =>
        client.emitWithAck('room:join', { room: `r${i}`, nickname: 'Hop' }),
      ),
    )
    expect(acks.filter((a) => !a.ok && a.error.code === 'rate_limited')).toHaveLength(4)
  })
})

describe('connection checks', () => {
  it('caps open connections per address and frees the slot when one closes', async () => {
    const { url } = await startServer({ maxConnectionsPerAddress: 2 })
    const first = await connectClient(url)
    await connectClient(url)
    const refused = await connectClient(url).catch((err: Error & { data?: unknown }) => err)
    expect(refused).toMatchObject({
      message: 'too_many_connections',
      data: { code: 'too_many_connections' },
    })
    const closed = new Promise((resolve) => first.once('disconnect', resolve))
    first.disconnect()
    await closed
    // The server counts the close when it sees it; retry until it has.
    let third: unknown = null
    for (let i = 0; i < 50 && !third; i++) third = await connectClient(url).catch(() => null)
    expect(third).not.toBeNull()
  })

  it('counts forwarded addresses separately only from a trusted proxy', async () => {
    const trusting = await startServer({
      maxConnectionsPerAddress: 1,
      trustedProxies: ['loopback'],
    })
    await connectClient(trusting.url, { extraHeaders: { 'x-forwarded-for': '203.0.113.1' } })
    await connectClient(trusting.url, { extraHeaders: { 'x-forwarded-for': '203.0.113.2' } })

    const wary = await startServer({ maxConnectionsPerAddress: 1 })
    await connectClient(wary.url, { extraHeaders: { 'x-forwarded-for': '203.0.113.1' } })
    const refused = await connectClient(wary.url, {
      extraHeaders: { 'x-forwarded-for': '203.0.113.2' },
    }).catch((err: Error) => err.message)
    expect(refused).toBe('too_many_connections')
  })

  it('admits its own page, the desktop app and configured origins, and refuses other pages', async () => {
    const { url } = await startServer({ allowedOrigins: ['https://friend.example'] })
    await connectClient(url, { extraHeaders: { origin: url } })
    await connectClient(url, { extraHeaders: { origin: 'app://noom' } })
    await connectClient(url, { extraHeaders: { origin: 'https://friend.example' } })
    for (const origin of [
      'https://evil.example',
      'null',
      'http://127.0.0.1.evil.example',
      'file://',
    ]) {
      const refused = await connectClient(url, { extraHeaders: { origin } }).catch(
        (err: Error & { data?: unknown }) => err,
      )
      expect(refused, origin).toMatchObject({
        message: 'origin_not_allowed',
        data: { code: 'origin_not_allowed' },
      })
    }
  })
})
