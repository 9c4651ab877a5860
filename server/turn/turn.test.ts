import { createHmac } from 'node:crypto'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import type { IceServer, JoinResult } from '../../protocol/index.js'
import { createRendezvousServer } from '../server.js'
import { connectClient, joinedClient, startServer, stopAll } from '../../tests/support/harness.js'

afterEach(stopAll)

const SECRET = 'coturn-static-auth-secret'
const TURN_URLS = ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']
const STUN = { urls: ['stun:stun.example.org:3478'] }

/** The ack's TURN entry, checked the way coturn checks it: expiry in the future, HMAC of the name. */
function turnEntry(joined: JoinResult): IceServer & { expiry: number } {
  const entry = joined.iceServers.find((s) => s.username !== undefined)
  if (!entry?.username) throw new Error('no TURN entry in the join ack')
  const [expiry, id, ...rest] = entry.username.split(':')
  expect(rest).toEqual([])
  expect(id).toBe(joined.self.id)
  expect(entry.credential).toBe(createHmac('sha1', SECRET).update(entry.username).digest('base64'))
  return { ...entry, expiry: Number(expiry) }
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

describe('TURN credentials in the join ack', () => {
  it('gives each member its own credentials, named after its id, beside the bare STUN list', async () => {
    const { url } = await startServer({
      iceServers: [STUN],
      turn: { secret: SECRET, urls: TURN_URLS, ttlSeconds: 3600 },
    })
    // Bob and Cat join with someone already there (the first member, alone, gets none).
    await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const cat = await joinedClient(url, { room: 'demo', nickname: 'Cat' })

    for (const { joined } of [bob, cat]) {
      expect(joined.iceServers).toHaveLength(2)
      expect(joined.iceServers[0]).toEqual(STUN) // STUN carries no credentials
      const turn = turnEntry(joined)
      expect(turn.urls).toEqual(TURN_URLS)
      expect(turn.expiry).toBeGreaterThanOrEqual(nowSeconds() + 3600 - 5)
      expect(turn.expiry).toBeLessThanOrEqual(nowSeconds() + 3600)
    }
    expect(turnEntry(bob.joined).credential).not.toBe(turnEntry(cat.joined).credential)
  })

  it('defaults to credentials that last one hour', async () => {
    const { url } = await startServer({ turn: { secret: SECRET, urls: TURN_URLS } })
    await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const { joined } = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    expect(joined.iceServers).toHaveLength(1)
    expect(turnEntry(joined).expiry).toBeGreaterThanOrEqual(nowSeconds() + 3600 - 5)
    expect(turnEntry(joined).expiry).toBeLessThanOrEqual(nowSeconds() + 3600)
  })

  it('gives the first member of a room, alone there, the STUN list and no TURN credentials', async () => {
    const { url } = await startServer({
      iceServers: [STUN],
      turn: { secret: SECRET, urls: TURN_URLS, ttlSeconds: 3600 },
    })
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    expect(ann.joined.iceServers).toEqual([STUN])
    // Alone again after the other left: a rejoin of the same room brings none either.
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    turnEntry(bob.joined)
    await bob.client.emitWithAck('room:leave', {})
    const again = await ann.client.emitWithAck('room:join', { room: 'demo', nickname: 'Ann' })
    expect(again.ok && again.iceServers).toEqual([STUN])
  })

  it('mints fresh credentials for a resumed seat, so a member coming back gets a full lifetime', async () => {
    const { url } = await startServer({
      resumeGraceMs: 10_000,
      turn: { secret: SECRET, urls: TURN_URLS, ttlSeconds: 600 },
    })
    await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const first = turnEntry(ann.joined)
    // Expiries are whole seconds: wait past the next one so the new expiry must be later.
    await new Promise((r) => setTimeout(r, 1_100))
    ann.client.io.engine.close() // a dropped connection, no goodbye
    const back = await connectClient(url)
    const resumed = await back.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Ann',
      resume: ann.joined.token,
    })
    if (!resumed.ok) throw new Error(resumed.error.message)
    expect(resumed.self.id).toBe(ann.joined.self.id)
    expect(turnEntry(resumed).expiry).toBeGreaterThan(first.expiry)
  })

  it('hands out no credentials when TURN is not configured', async () => {
    const { url } = await startServer({ iceServers: [STUN] })
    const { joined } = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    expect(joined.iceServers).toEqual([STUN])
  })

  it('logs the TURN URLs and lifetime but never the secret, even at trace level', async () => {
    let logged = ''
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString()
        done()
      },
    })
    const { url } = await startServer({
      logger: pino({ level: 'trace' }, sink),
      turn: { secret: SECRET, urls: TURN_URLS, ttlSeconds: 600 },
    })
    await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    expect(logged).toContain('handing out TURN credentials')
    expect(logged).toContain(TURN_URLS[0])
    expect(logged).not.toContain(SECRET)
  })

  it.each([
    [{ secret: SECRET, urls: ['http://turn.example.org'] }, '"http://turn.example.org"'],
    [{ secret: SECRET, urls: [] }, 'at least one URL'],
    [{ secret: '', urls: TURN_URLS }, 'secret must not be empty'],
    [{ secret: SECRET, urls: TURN_URLS, ttlSeconds: 0 }, 'ttlSeconds'],
  ])('refuses to start with bad TURN options %j', (turn, message) => {
    expect(() => createRendezvousServer({ turn, logLevel: 'silent' })).toThrow(message)
  })
})
