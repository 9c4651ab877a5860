/**
 * Two servers in this process sharing one real redis-server: rooms, chat, signals, updates, the room
 * list, capacity, passwords and resumes work across them as on one server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol/index.js'
import {
  connectClient,
  eventMatching,
  joinedClient,
  nextEvent,
  record,
  startServer,
  stopAll,
} from '../support/harness.js'
import {
  findRedisServer,
  nodeReady,
  startRedis,
  stopAllRedis,
  type TestRedis,
} from '../support/redis-server.js'

const found = findRedisServer()
if (found.path === null) console.warn(`skipping Redis state tests: ${found.reason}`)

const secret = 'a-secret-every-node-shares'
const generous = { burst: 1000, perSecond: 1000 }
const rateLimits = {
  join: generous,
  chat: generous,
  signal: generous,
  update: generous,
  host: generous,
  // Every client here comes from 127.0.0.1; the per-address limits have their own tests.
  perAddress: {
    joins: { points: 0, seconds: 60 },
    connections: { points: 0, seconds: 60 },
    // Races below hash several passwords at once.
    hashesAtOnce: 16,
  },
}

describe.skipIf(found.path === null)('room state in Redis, across two servers', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(stopAllRedis)
  afterEach(async () => {
    await stopAll()
    // Each test starts from an empty Redis.
    await redis.stop()
    await redis.start()
  })

  const twoNodes = async (
    options: { capacity?: number; resumeGraceMs?: number; resumeRetryMs?: number } = {},
  ) => {
    const common = { redisUrl: redis.url, secret, rateLimits, ...options }
    const a = await startServer(common)
    const b = await startServer(common)
    await Promise.all([nodeReady(a.url), nodeReady(b.url)])
    return { a: a.url, b: b.url, servers: [a.server, b.server] }
  }

  it('seats members of different servers in one room; chat, signals and updates cross', async () => {
    const { a, b } = await twoNodes()
    const ann = await joinedClient(a, { room: 'demo', nickname: 'Ann' })
    const joined = nextEvent(ann.client, 'peer:joined')
    const bob = await joinedClient(b, { room: 'demo', nickname: 'Bob' })
    expect(bob.joined.peers).toEqual([ann.joined.self])
    expect(await joined).toEqual(bob.joined.self)

    const chat = nextEvent(ann.client, 'chat:message')
    const sent = await bob.client.emitWithAck('chat:send', { text: 'hello from b' })
    expect(await chat).toEqual(sent.ok && sent.message)

    const signal = nextEvent(bob.client, 'signal')
    const payload = { description: { type: 'offer' as const, sdp: 'v=0\r\n' } }
    const relayed = await ann.client.emitWithAck('signal:send', { to: bob.joined.self.id, payload })
    expect(relayed).toEqual({ ok: true })
    expect(await signal).toEqual({ from: ann.joined.self.id, payload })

    const updated = nextEvent(bob.client, 'peer:updated')
    const media = { audio: true, video: true, screen: false }
    await ann.client.emitWithAck('media:update', media)
    expect(await updated).toEqual({ ...ann.joined.self, media })

    const cat = await joinedClient(a, { room: 'demo', nickname: 'Cat' })
    expect(cat.joined.peers.map((p) => p.nickname)).toEqual(['Ann', 'Bob'])
    expect(cat.joined.peers[0]?.media).toEqual(media)
    expect(cat.joined.history.map((m) => m.text)).toEqual(['hello from b'])

    const left = nextEvent(bob.client, 'peer:left')
    await cat.client.emitWithAck('room:leave', {})
    expect(await left).toEqual({ id: cat.joined.self.id, reason: 'left' })
  })

  it('refuses a signal to a member of another room, whichever server holds it', async () => {
    const { a, b } = await twoNodes()
    const ann = await joinedClient(a, { room: 'one', nickname: 'Ann' })
    const bob = await joinedClient(b, { room: 'two', nickname: 'Bob' })
    const bobSaw = record(bob.client)
    const refused = await ann.client.emitWithAck('signal:send', {
      to: bob.joined.self.id,
      payload: { candidate: null },
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown_peer' } })
    await bob.client.emitWithAck('rooms:unwatch', {})
    expect(bobSaw).toEqual([])
  })

  it('caps a room across servers, and a password set on one server locks it on the other', async () => {
    const { a, b } = await twoNodes({ capacity: 2 })
    await joinedClient(a, { room: 'pair', nickname: 'Ann', password: 'pass-word' })
    const bob = await connectClient(b)
    expect(await bob.emitWithAck('room:join', { room: 'pair', nickname: 'Bob' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_password' },
    })
    const joined = await bob.emitWithAck('room:join', {
      room: 'pair',
      nickname: 'Bob',
      password: 'pass-word',
    })
    expect(joined.ok && joined.room).toMatchObject({ participants: 2, capacity: 2, locked: true })
    const cat = await connectClient(a)
    expect(
      await cat.emitWithAck('room:join', { room: 'pair', nickname: 'Cat', password: 'pass-word' }),
    ).toMatchObject({ ok: false, error: { code: 'room_full' } })
  })

  it('lets exactly one of many simultaneous first joiners create the room', async () => {
    const { a, b } = await twoNodes({ capacity: 3 })
    const clients = await Promise.all(
      Array.from({ length: 8 }, (_, i) => connectClient(i % 2 ? a : b)),
    )
    const acks = await Promise.all(
      clients.map((c, i) =>
        c.emitWithAck('room:join', {
          room: 'rush',
          nickname: `P${i}`,
          password: `password-${i}`,
          visibility: i % 2 ? 'private' : 'public',
        }),
      ),
    )
    const seated = acks.filter((ack) => ack.ok)
    // Only the creator's password opens the room, so the creator is the only one seated.
    expect(seated).toHaveLength(1)
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'wrong_password')).toHaveLength(7)
  })

  it('seats no more than the capacity when many join at once through both servers', async () => {
    const { a, b } = await twoNodes({ capacity: 3 })
    const clients = await Promise.all(
      Array.from({ length: 8 }, (_, i) => connectClient(i % 2 ? a : b)),
    )
    const acks = await Promise.all(
      clients.map((c, i) =>
        c.emitWithAck('room:join', { room: 'crowd', nickname: `P${i}`, visibility: 'public' }),
      ),
    )
    expect(acks.filter((ack) => ack.ok)).toHaveLength(3)
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'room_full')).toHaveLength(5)
    const watcher = await connectClient(a)
    const watch = await watcher.emitWithAck('rooms:watch', {})
    expect(watch.ok && watch.rooms).toEqual([
      { name: 'crowd', participants: 3, capacity: 3, locked: false, admission: 'open' },
    ])
  })

  it('rebuilds a seat from its token after Redis lost everything, with its password lock', async () => {
    const { a, b, servers } = await twoNodes({ resumeGraceMs: 10_000 })
    const ann = await joinedClient(a, { room: 'team', nickname: 'Ann', password: 'pass-word' })
    const gone = new Promise((resolve) => ann.client.once('disconnect', resolve))
    // Ann's connection drops while Redis is away; Redis comes back empty.
    await redis.stop()
    ann.client.io.engine.close()
    await gone
    await redis.start()
    await Promise.all([nodeReady(a), nodeReady(b)])
    const back = await connectClient(b)
    const resumed = await back.emitWithAck('room:join', {
      room: 'team',
      nickname: 'Ann',
      resume: ann.joined.token,
    })
    expect(resumed.ok && resumed.self.id).toBe(ann.joined.self.id)
    expect(resumed.ok && resumed.room).toMatchObject({ locked: true, participants: 1 })
    const eve = await connectClient(a)
    expect(await eve.emitWithAck('room:join', { room: 'team', nickname: 'Eve' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_password' },
    })
    expect(servers.every((server) => server.stats().members <= 1)).toBe(true)
  })

  it('lists public rooms from both servers, with their counts, and pushes changes to every watcher', async () => {
    const { a, b } = await twoNodes()
    const watcherA = await connectClient(a)
    const watcherB = await connectClient(b)
    await watcherA.emitWithAck('rooms:watch', {})
    await watcherB.emitWithAck('rooms:watch', {})
    const seenA = eventMatching(watcherA, 'rooms:changed', (rooms) => rooms.length === 2)
    const seenB = eventMatching(watcherB, 'rooms:changed', (rooms) =>
      rooms.some((r) => r.name === 'big' && r.participants === 2),
    )
    await joinedClient(a, { room: 'big', nickname: 'Ann', visibility: 'public' })
    await joinedClient(b, { room: 'big', nickname: 'Bob' })
    await joinedClient(b, {
      room: 'small',
      nickname: 'Cy',
      password: 'pass-word',
      visibility: 'public',
    })
    await joinedClient(a, { room: 'hidden', nickname: 'Di', visibility: 'private' })
    const expected = [
      { name: 'big', participants: 2, capacity: 8, locked: false, admission: 'open' },
      { name: 'small', participants: 1, capacity: 8, locked: true, admission: 'open' },
    ]
    expect(await seenA).toEqual(expected)
    expect((await seenB).length).toBeGreaterThan(0)
    const watch = await watcherB.emitWithAck('rooms:watch', {})
    expect(watch.ok && watch.rooms).toEqual(expected)
  })

  it('keeps the newest messages within the history limits', async () => {
    const { a, b } = await twoNodes()
    const ann = await joinedClient(a, { room: 'chat', nickname: 'Ann' })
    for (let i = 0; i < LIMITS.historySize + 5; i++) {
      await ann.client.emitWithAck('chat:send', { text: `m${i}` })
    }
    const bob = await joinedClient(b, { room: 'chat', nickname: 'Bob' })
    const texts = bob.joined.history.map((m) => m.text)
    expect(texts).toHaveLength(LIMITS.historySize)
    expect(texts[0]).toBe('m5')
    const long = 'x'.repeat(LIMITS.chatTextMax)
    const count = Math.ceil(LIMITS.historyMaxChars / LIMITS.chatTextMax) + 2
    for (let i = 0; i < count; i++) await ann.client.emitWithAck('chat:send', { text: long })
    const cat = await joinedClient(b, { room: 'chat', nickname: 'Cat' })
    const chars = cat.joined.history.reduce((sum, m) => sum + m.text.length, 0)
    expect(chars).toBeLessThanOrEqual(LIMITS.historyMaxChars)
    expect(cat.joined.history.at(-1)?.text).toBe(long)
  })

  it('resumes a dropped member on the other server with its id; the others see no leave or join', async () => {
    const { a, b } = await twoNodes({ resumeGraceMs: 10_000 })
    const ann = await joinedClient(a, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(a, { room: 'demo', nickname: 'Bob' })
    const annSaw = record(ann.client)
    bob.client.io.engine.close()
    const back = await connectClient(b)
    const resumed = await back.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Bob',
      resume: bob.joined.token,
    })
    expect(resumed.ok && resumed.self.id).toBe(bob.joined.self.id)
    expect(resumed.ok && resumed.peers).toEqual([ann.joined.self])
    const chat = nextEvent(ann.client, 'chat:message')
    await back.emitWithAck('chat:send', { text: 'back, elsewhere' })
    await chat
    expect(annSaw.map((e) => e.event)).toEqual(['chat:message'])
  })

  it('takes a seat over from a connection still open on the other server', async () => {
    const { a, b } = await twoNodes()
    await joinedClient(a, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(a, { room: 'demo', nickname: 'Bob' })
    const closed = new Promise<string>((resolve) => bob.client.once('disconnect', resolve))
    const second = await connectClient(b)
    const resumed = await second.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Bob',
      resume: bob.joined.token,
    })
    expect(resumed.ok && resumed.self.id).toBe(bob.joined.self.id)
    expect(await closed).toBe('io server disconnect')
  })

  it('spends a token on whichever server it is used: a replay on the other fails, the fresh one works', async () => {
    const { a, b } = await twoNodes({ resumeGraceMs: 10_000, resumeRetryMs: 100 })
    await joinedClient(a, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(a, { room: 'demo', nickname: 'Bob' })
    const resume = async (url: string, token: string) => {
      const client = await connectClient(url)
      const ack = await client.emitWithAck('room:join', {
        room: 'demo',
        nickname: 'Bob',
        resume: token,
      })
      return { client, id: ack.ok ? ack.self.id : null, token: ack.ok ? ack.token : '' }
    }
    bob.client.io.engine.close()
    const moved = await resume(b, bob.joined.token)
    expect(moved.id).toBe(bob.joined.self.id)
    expect(moved.token).not.toBe(bob.joined.token)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const replay = await resume(a, bob.joined.token)
    expect(replay.id).not.toBe(bob.joined.self.id)
    expect(moved.client.connected).toBe(true)
    const closed = new Promise<string>((resolve) => moved.client.once('disconnect', resolve))
    const owner = await resume(a, moved.token)
    expect(owner.id).toBe(bob.joined.self.id)
    expect(await closed).toBe('io server disconnect')
  })

  it('ends a seat whose grace period runs out, telling each member once', async () => {
    const { a, b } = await twoNodes({ resumeGraceMs: 300 })
    const ann = await joinedClient(a, { room: 'demo', nickname: 'Ann' })
    const cat = await joinedClient(b, { room: 'demo', nickname: 'Cat' })
    const bob = await joinedClient(b, { room: 'demo', nickname: 'Bob' })
    const annSaw = record(ann.client)
    const catSaw = record(cat.client)
    const left = nextEvent(ann.client, 'peer:left')
    bob.client.io.engine.close()
    expect(await left).toEqual({ id: bob.joined.self.id, reason: 'disconnected' })
    // Several sweeps later, still one peer:left each (a marker chat flushes anything queued).
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    const marker = nextEvent(cat.client, 'chat:message')
    const markerAnn = nextEvent(ann.client, 'chat:message')
    await joinedClient(a, { room: 'demo', nickname: 'Dee' }).then((dee) =>
      dee.client.emitWithAck('chat:send', { text: 'marker' }),
    )
    await Promise.all([marker, markerAnn])
    const lefts = (seen: typeof annSaw) => seen.filter((e) => e.event === 'peer:left')
    expect(lefts(annSaw)).toHaveLength(1)
    expect(lefts(catSaw)).toHaveLength(1)
  })
})

/** Waits until the server's /readyz says ready (its Redis connections are up). */
