import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol/index.js'
import {
  connectClient,
  joinedClient,
  nextEvent,
  record,
  startServer,
  stopAll,
  type Client,
} from '../../tests/support/harness.js'

afterEach(stopAll)

const generous = { burst: 10_000, perSecond: 10_000 }
const roomy = { join: generous, host: generous }

/** Starts a knock: resolves with the knock:request the host saw and the pending ack. */
async function knock(host: Client, url: string, nickname: string, extra = {}) {
  const knocker = await connectClient(url)
  const seen = record(knocker)
  const request = nextEvent(host, 'knock:request')
  const waiting = nextEvent(knocker, 'room:waiting')
  const ack = knocker.emitWithAck('room:join', { room: 'door', nickname, ...extra })
  // A knocker that disconnects while waiting never gets its ack.
  ack.catch(() => undefined)
  return { knocker, seen, ack, request: await request, waiting: await waiting }
}

describe('knocking', () => {
  it('holds the join until a host admits; the knocker then gets the usual join ack', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'door', nickname: 'Ann', admission: 'knock' })
    expect(ann.joined.room.admission).toBe('knock')
    await ann.client.emitWithAck('chat:send', { text: 'before you came' })
    const bob = await knock(ann.client, url, 'Bob')
    expect(bob.waiting).toEqual({ room: 'door' })
    expect(bob.request.nickname).toBe('Bob')
    expect(bob.request.id).not.toBe('')
    // Nothing about the room reaches a knocker before admission: only room:waiting.
    await ann.client.emitWithAck('chat:send', { text: 'while you wait' })
    await ann.client.emitWithAck('media:update', { audio: true, video: false, screen: false })
    expect(bob.seen.map((e) => e.event)).toEqual(['room:waiting'])
    const resolved = nextEvent(ann.client, 'knock:resolved')
    const joined = nextEvent(ann.client, 'peer:joined')
    expect(
      await ann.client.emitWithAck('knock:answer', { id: bob.request.id, admit: true }),
    ).toEqual({ ok: true })
    expect(await resolved).toEqual({ id: bob.request.id, outcome: 'admitted' })
    const ack = await bob.ack
    expect(ack.ok && ack.peers.map((p) => p.nickname)).toEqual(['Ann'])
    expect(ack.ok && ack.history.map((m) => m.text)).toEqual(['before you came', 'while you wait'])
    expect(ack.ok && ack.self.role).toBe('member')
    expect((await joined).nickname).toBe('Bob')
  })

  it('answers denied when a host turns the knock down', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'door', nickname: 'Ann', admission: 'knock' })
    const bob = await knock(ann.client, url, 'Bob')
    const resolved = nextEvent(ann.client, 'knock:resolved')
    await ann.client.emitWithAck('knock:answer', { id: bob.request.id, admit: false })
    expect(await bob.ack).toMatchObject({ ok: false, error: { code: 'denied' } })
    expect(await resolved).toEqual({ id: bob.request.id, outcome: 'denied' })
    // The knock is gone: a second answer names nobody.
    expect(
      await ann.client.emitWithAck('knock:answer', { id: bob.request.id, admit: true }),
    ).toMatchObject({ ok: false, error: { code: 'unknown_peer' } })
  })

  it('times out with knock_timeout, and the hosts see it expire', async () => {
    const { url } = await startServer({ knockTimeoutMs: 200 })
    const ann = await joinedClient(url, { room: 'door', nickname: 'Ann', admission: 'knock' })
    const resolved = nextEvent(ann.client, 'knock:resolved')
    const bob = await knock(ann.client, url, 'Bob')
    expect(await bob.ack).toMatchObject({ ok: false, error: { code: 'knock_timeout' } })
    expect(await resolved).toEqual({ id: bob.request.id, outcome: 'expired' })
  })

  it('withdraws a knock on room:leave and on disconnect', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'door', nickname: 'Ann', admission: 'knock' })
    const bob = await knock(ann.client, url, 'Bob')
    let resolved = nextEvent(ann.client, 'knock:resolved')
    expect(await bob.knocker.emitWithAck('room:leave', {})).toEqual({ ok: true })
    expect(await bob.ack).toMatchObject({ ok: false, error: { code: 'denied' } })
    expect(await resolved).toEqual({ id: bob.request.id, outcome: 'withdrawn' })
    const cy = await knock(ann.client, url, 'Cy')
    resolved = nextEvent(ann.client, 'knock:resolved')
    cy.knocker.disconnect()
    expect(await resolved).toEqual({ id: cy.request.id, outcome: 'withdrawn' })
  })

  it('checks the password before knocking, and refuses closed rooms', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, {
      room: 'door',
      nickname: 'Ann',
      admission: 'knock',
      password: 'pass-word',
    })
    const heard = record(ann.client)
    const bob = await connectClient(url)
    const wrong = await bob.emitWithAck('room:join', { room: 'door', nickname: 'Bob' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_password' } })
    await ann.client.emitWithAck('room:update', { admission: 'closed' })
    const closed = await bob.emitWithAck('room:join', {
      room: 'door',
      nickname: 'Bob',
      password: 'pass-word',
    })
    expect(closed).toMatchObject({ ok: false, error: { code: 'room_closed' } })
    expect(heard.filter((e) => e.event === 'knock:request')).toEqual([])
  })

  it('bounds the waiting queue per room and knocks per address', async () => {
    // Joins per address are many here, so what runs out is the knocks.
    const perAddress = { joins: { points: 100, seconds: 60 } }
    const { url } = await startServer({ rateLimits: { ...roomy, perAddress } })
    const ann = await joinedClient(url, { room: 'door', nickname: 'Ann', admission: 'knock' })
    const acks: Array<Promise<unknown>> = []
    for (let i = 0; i < LIMITS.knocksPerAddressPerMinute; i++) {
      const knocker = await connectClient(url)
      const waiting = nextEvent(knocker, 'room:waiting')
      acks.push(knocker.emitWithAck('room:join', { room: 'door', nickname: `K${i}` }))
      await waiting
    }
    // Every connection from this address has used the minute's knocks, a new one too.
    const more = await connectClient(url)
    expect(await more.emitWithAck('room:join', { room: 'door', nickname: 'More' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    })
    expect(LIMITS.waitingKnocksMax).toBeGreaterThanOrEqual(LIMITS.knocksPerAddressPerMinute)
    await ann.client.emitWithAck('room:leave', {})
    // The room emptied: its knocks are turned down.
    for (const ack of acks) await expect(ack).resolves.toMatchObject({ error: { code: 'denied' } })
  })

  it('never knocks a resume, and keeps knocks waiting for the next host', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'door', nickname: 'Ann', admission: 'knock' })
    const bob = await knock(ann.client, url, 'Bob')
    await ann.client.emitWithAck('knock:answer', { id: bob.request.id, admit: true })
    const bobAck = await bob.ack
    if (!bobAck.ok) throw new Error('not admitted')
    const cy = await knock(ann.client, url, 'Cy')
    // Ann leaves: Bob becomes host and hears Cy's knock, still waiting.
    const request = nextEvent(bob.knocker, 'knock:request')
    const promoted = nextEvent(bob.knocker, 'peer:updated')
    await ann.client.emitWithAck('room:leave', {})
    expect(await promoted).toMatchObject({ id: bobAck.self.id, role: 'host' })
    expect(await request).toEqual(cy.request)
    // Bob's connection drops; he resumes without knocking and is host still.
    bob.knocker.io.engine.close()
    const again = await connectClient(url)
    const resumed = await again.emitWithAck('room:join', {
      room: 'door',
      nickname: 'Bob',
      resume: bobAck.token,
    })
    expect(resumed.ok && resumed.self).toMatchObject({ id: bobAck.self.id, role: 'host' })
  })
})
