import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS, type Ack, type JoinResult } from '../../protocol/index.js'
import {
  connectClient,
  joinedClient,
  nextEvent,
  record,
  startServer,
  stopAll,
  type Client,
} from '../../tests/support/harness.js'
import { BUSY, HashSlots } from '../security/hash-slots.js'

afterEach(stopAll)

const RIGHT = 'correct horse'
const generous = { burst: 1000, perSecond: 1000 }
/** Guesses here are limited by the password back-off alone. */
const guessing = {
  join: generous,
  perAddress: {
    joins: { points: 0, seconds: 60 },
    passwords: { free: 2, firstWaitSeconds: 1, maxWaitSeconds: 60, forgetSeconds: 600 },
  },
}

const guess = (client: Client, password: string) =>
  client.emitWithAck('room:join', { room: 'vault', nickname: 'Guess', password })

const waitOf = (ack: Ack<JoinResult>) => (ack.ok ? undefined : ack.error.retryAfterMs)

/** Guesses until the wait is over (refusals before it count for nothing), then answers that guess. */
async function guessAfterWait(client: Client, password: string, wait: number) {
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, wait))
    const ack = await guess(client, password)
    if (ack.ok || ack.error.code !== 'rate_limited') return ack
    wait = ack.error.retryAfterMs ?? wait
  }
  throw new Error('the wait never ended')
}

describe('password guesses', () => {
  it('make each further wrong guess wait longer, then take the right password', async () => {
    const { url } = await startServer({ rateLimits: guessing })
    await joinedClient(url, { room: 'vault', nickname: 'Vic', password: RIGHT })
    const guesser = await connectClient(url)

    // Two free wrong guesses, then one that makes the next wait 1 s.
    const free = [await guess(guesser, 'nope-1'), await guess(guesser, 'nope-2')]
    expect(free.map((ack) => [!ack.ok && ack.error.code, waitOf(ack)])).toEqual([
      ['wrong_password', undefined],
      ['wrong_password', undefined],
    ])
    const third = await guess(guesser, 'nope-3')
    expect(third).toMatchObject({
      ok: false,
      error: { code: 'wrong_password', retryAfterMs: 1000 },
    })

    // During the wait not even the right password is checked.
    const early = await guess(guesser, RIGHT)
    expect(early).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    expect(waitOf(early)).toBeGreaterThan(0)
    expect(waitOf(early)).toBeLessThanOrEqual(1000)

    // A reconnect does not help: the wait is the room's and the address's.
    guesser.disconnect()
    const again = await connectClient(url)
    const fourth = await guessAfterWait(again, 'nope-4', waitOf(early) ?? 1000)
    expect(fourth).toMatchObject({ error: { code: 'wrong_password', retryAfterMs: 2000 } })

    const right = await guessAfterWait(again, RIGHT, 2000)
    expect(right).toMatchObject({ ok: true })
    // The right password forgets the wrong ones.
    const fresh = await connectClient(url)
    expect(waitOf(await guess(fresh, 'nope-5'))).toBeUndefined()
  })

  it('keep a locked room joinable with a password of any length', async () => {
    const { url } = await startServer()
    await joinedClient(url, { room: 'vault', nickname: 'Vic', password: RIGHT })
    const short = await guess(await connectClient(url), 'abc')
    expect(short).toMatchObject({ ok: false, error: { code: 'wrong_password' } })
  })
})

describe('a new password', () => {
  const short = 'x'.repeat(LIMITS.passwordMin - 1)

  it('must be LIMITS.passwordMin long to create a room; a refused room is not made', async () => {
    const { url } = await startServer()
    const client = await connectClient(url)
    const ack = await client.emitWithAck('room:join', {
      room: 'new',
      nickname: 'Ann',
      password: short,
    })
    expect(ack).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        message: `password: must be at least ${LIMITS.passwordMin} characters`,
      },
    })
    const after = await joinedClient(url, { room: 'new', nickname: 'Bob' })
    expect(after.joined).toMatchObject({ self: { role: 'host' }, room: { locked: false } })
  })

  it('must be LIMITS.passwordMin long in room:update; the room stays as it was', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'team', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'team', nickname: 'Bob' })
    const heard = record(bob.client)
    const refused = await ann.client.emitWithAck('room:update', {
      password: short,
      admission: 'knock',
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } })
    // A change after the refusal is the first Bob hears of: the refusal announced nothing.
    const marker = nextEvent(bob.client, 'room:updated')
    const kept = await ann.client.emitWithAck('room:update', { visibility: 'public' })
    expect(kept).toMatchObject({ ok: true, room: { locked: false, admission: 'open' } })
    await marker
    expect(heard.filter((e) => e.event === 'room:updated')).toHaveLength(1)
    const locked = await ann.client.emitWithAck('room:update', {
      password: 'x'.repeat(LIMITS.passwordMin),
    })
    expect(locked).toMatchObject({ ok: true, room: { locked: true } })
  })
})

describe('password hashes at once', () => {
  it('are capped: past the cap the work is refused, not queued, and a slot frees when done', async () => {
    const slots = new HashSlots(2)
    const release: Array<() => void> = []
    const held = () => new Promise<string>((resolve) => release.push(() => resolve('done')))
    const first = slots.run(held)
    const second = slots.run(held)
    expect(await slots.run(held)).toBe(BUSY)
    release[0]?.()
    expect(await first).toBe('done')
    const third = slots.run(held)
    expect(release).toHaveLength(3)
    for (const free of release.slice(1)) free()
    expect([await second, await third]).toEqual(['done', 'done'])
  })

  it('refuse password-carrying joins past the cap with rate_limited, and make no room', async () => {
    const perAddress = { hashesAtOnce: 1, joins: { points: 0, seconds: 60 } }
    const { url } = await startServer({ rateLimits: { perAddress } })
    const clients = await Promise.all(Array.from({ length: 12 }, () => connectClient(url)))
    const acks = await Promise.all(
      clients.map((client, i) =>
        client.emitWithAck('room:join', { room: `r${i}`, nickname: 'Ann', password: RIGHT }),
      ),
    )
    const busy = acks.flatMap((ack, i) => (!ack.ok && ack.error.code === 'rate_limited' ? [i] : []))
    expect(busy.length).toBeGreaterThan(0)
    expect(acks.filter((ack) => ack.ok).length + busy.length).toBe(acks.length)
    expect(acks[busy[0] ?? 0]).toMatchObject({ error: { retryAfterMs: 1000 } })
    const late = await joinedClient(url, { room: `r${busy[0] ?? 0}`, nickname: 'Bob' })
    expect(late.joined.room).toMatchObject({ locked: false })
  })
})
