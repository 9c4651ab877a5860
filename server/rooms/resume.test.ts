import { afterEach, describe, expect, it } from 'vitest'
import type { Client } from '../../tests/support/harness.js'
import {
  connectClient,
  joinedClient,
  nextEvent,
  record,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

/** Cuts the connection the way a network blip does: no goodbye, just a closed transport. */
function dropConnection(client: Client): void {
  client.io.engine.close()
}

describe('resume', () => {
  it('keeps a dropped member’s id within the grace period; the others see no leave or join', async () => {
    const { url } = await startServer({ resumeGraceMs: 10_000 })
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const annSaw = record(ann.client)

    dropConnection(bob.client)
    const back = await connectClient(url)
    const resumed = await back.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Bob',
      resume: bob.joined.token,
    })
    expect(resumed.ok && resumed.self.id).toBe(bob.joined.self.id)
    expect(resumed.ok && resumed.peers).toEqual([ann.joined.self])
    expect(resumed.ok && resumed.token).not.toBe(bob.joined.token)

    // Bob's chat reaches Ann after anything the resume would have told her.
    const chat = nextEvent(ann.client, 'chat:message')
    await back.emitWithAck('chat:send', { text: 'back' })
    await chat
    expect(annSaw.map((e) => e.event)).toEqual(['chat:message'])
  })

  it('tells the others with reason "disconnected" once the grace period ends', async () => {
    const { url } = await startServer({ resumeGraceMs: 200 })
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const left = nextEvent(ann.client, 'peer:left')
    dropConnection(bob.client)
    expect(await left).toEqual({ id: bob.joined.self.id, reason: 'disconnected' })

    const late = await connectClient(url)
    const rejoined = await late.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Bob',
      resume: bob.joined.token,
    })
    expect(rejoined.ok && rejoined.self.id).not.toBe(bob.joined.self.id)
  })

  it('does not give a seat to a resume that comes due after its connection closed', async () => {
    const { url } = await startServer({ resumeGraceMs: 300 })
    await joinedClient(url, { room: 'vault', nickname: 'Vic', password: 'pass-word' })
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    dropConnection(bob.client)
    const back = await connectClient(url)
    // The password check keeps the first event busy; the resume queues behind it, and the
    // connection is gone before its turn comes.
    back.emit('room:join', { room: 'vault', nickname: 'Bob', password: 'wrong' }, () => undefined)
    back.emit(
      'room:join',
      { room: 'demo', nickname: 'Bob', resume: bob.joined.token },
      () => undefined,
    )
    dropConnection(back)
    expect(await nextEvent(ann.client, 'peer:left')).toEqual({
      id: bob.joined.self.id,
      reason: 'disconnected',
    })
  })

  it('takes the seat over from a connection the server still thinks is open', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const annSaw = record(ann.client)
    const oldClosed = new Promise<string>((resolve) => bob.client.once('disconnect', resolve))

    const second = await connectClient(url)
    const resumed = await second.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Bobby',
      resume: bob.joined.token,
    })
    expect(resumed.ok && resumed.self).toMatchObject({ id: bob.joined.self.id, nickname: 'Bobby' })
    expect(await oldClosed).toBe('io server disconnect')

    // The new connection holds the seat: chat from it arrives, and no leave was announced.
    const chat = nextEvent(ann.client, 'chat:message')
    await second.emitWithAck('chat:send', { text: 'still here' })
    await chat
    expect(annSaw.map((e) => e.event)).toEqual(['peer:updated', 'chat:message'])
    expect(annSaw[0]?.payload).toMatchObject({ id: bob.joined.self.id, nickname: 'Bobby' })
  })

  it('joins afresh with a new id when the token is forged or names another room', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const mallory = await connectClient(url)
    const forged = await mallory.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Mallory',
      resume: ann.joined.token.slice(0, -4) + 'AAAA',
    })
    expect(forged.ok && forged.self.id).not.toBe(ann.joined.self.id)

    const elsewhere = await connectClient(url)
    const other = await elsewhere.emitWithAck('room:join', {
      room: 'other',
      nickname: 'Ann',
      resume: ann.joined.token,
    })
    expect(other.ok && other.self.id).not.toBe(ann.joined.self.id)
  })

  it('cannot revive a seat its holder left on purpose', async () => {
    const { url } = await startServer()
    await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    await bob.client.emitWithAck('room:leave', {})
    const again = await bob.client.emitWithAck('room:join', {
      room: 'demo',
      nickname: 'Bob',
      resume: bob.joined.token,
    })
    expect(again.ok && again.self.id).not.toBe(bob.joined.self.id)
  })
})

describe('resume across a server restart', () => {
  const secret = 'a-secret-shared-across-restarts'

  it('rebuilds seats with the same ids, password lock and visibility under the same secret', async () => {
    const first = await startServer({ secret, port: 0 })
    const ann = await joinedClient(first.url, {
      room: 'team',
      nickname: 'Ann',
      password: 'pass-word',
      visibility: 'private',
    })
    const bob = await joinedClient(first.url, {
      room: 'team',
      nickname: 'Bob',
      password: 'pass-word',
    })
    await first.server.close()

    const second = await startServer({ secret })
    const annBack = await connectClient(second.url)
    const a = await annBack.emitWithAck('room:join', {
      room: 'team',
      nickname: 'Ann',
      resume: ann.joined.token,
    })
    expect(a.ok && a.self.id).toBe(ann.joined.self.id)
    expect(a.ok && a.room).toMatchObject({ locked: true, visibility: 'private' })

    const bobBack = await connectClient(second.url)
    const b = await bobBack.emitWithAck('room:join', {
      room: 'team',
      nickname: 'Bob',
      resume: bob.joined.token,
    })
    expect(b.ok && b.self.id).toBe(bob.joined.self.id)
    expect(b.ok && b.peers.map((p) => p.id)).toEqual([ann.joined.self.id])

    // The rebuilt room is still locked for everyone else.
    const eve = await connectClient(second.url)
    const refused = await eve.emitWithAck('room:join', { room: 'team', nickname: 'Eve' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'wrong_password' } })
  })

  it('does not let a token join a same-named room someone else created after the restart', async () => {
    const first = await startServer({ secret })
    const ann = await joinedClient(first.url, {
      room: 'team',
      nickname: 'Ann',
      password: 'pass-word',
    })
    await first.server.close()

    const second = await startServer({ secret })
    await joinedClient(second.url, { room: 'team', nickname: 'Squatter', password: 'other-pw' })
    const annBack = await connectClient(second.url)
    const refused = await annBack.emitWithAck('room:join', {
      room: 'team',
      nickname: 'Ann',
      resume: ann.joined.token,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'wrong_password' } })
  })

  it('gives a new id when the restarted server has another secret', async () => {
    const first = await startServer({ secret })
    const ann = await joinedClient(first.url, { room: 'team', nickname: 'Ann' })
    await first.server.close()

    const second = await startServer({ secret: 'a-different-secret-entirely' })
    const annBack = await connectClient(second.url)
    const fresh = await annBack.emitWithAck('room:join', {
      room: 'team',
      nickname: 'Ann',
      resume: ann.joined.token,
    })
    expect(fresh.ok && fresh.self.id).not.toBe(ann.joined.self.id)
  })
})
