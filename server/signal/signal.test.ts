import { afterEach, describe, expect, it } from 'vitest'
import type { SignalPayload } from '../../protocol/index.js'
import {
  connectClient,
  joinedClient,
  nextEvent,
  record,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

const offer: SignalPayload = { description: { type: 'offer', sdp: 'v=0\r\n' } }
const candidate: SignalPayload = {
  candidate: {
    candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
    sdpMid: '0',
    sdpMLineIndex: 0,
  },
}

describe('signal', () => {
  it('relays a signal to its target only, stamped with the sender', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const cat = await joinedClient(url, { room: 'demo', nickname: 'Cat' })
    const catSaw = record(cat.client)

    const atBob = nextEvent(bob.client, 'signal')
    const sent = await ann.client.emitWithAck('signal:send', {
      to: bob.joined.self.id,
      payload: offer,
    })
    expect(sent).toEqual({ ok: true })
    expect(await atBob).toEqual({ from: ann.joined.self.id, payload: offer })

    const roles = nextEvent(bob.client, 'signal')
    const streams = [{ id: '{0b7c1a2e-5f7d-4c1b-9e62-3d1f0a9b8c7d}', role: 'screen' as const }]
    await ann.client.emitWithAck('signal:send', { to: bob.joined.self.id, payload: { streams } })
    expect(await roles).toEqual({ from: ann.joined.self.id, payload: { streams } })

    const endOfCandidates = nextEvent(bob.client, 'signal')
    await ann.client.emitWithAck('signal:send', {
      to: bob.joined.self.id,
      payload: { candidate: null },
    })
    expect(await endOfCandidates).toEqual({
      from: ann.joined.self.id,
      payload: { candidate: null },
    })

    // Marker: a signal to Cat arrives after anything the earlier ones might have sent her.
    const atCat = nextEvent(cat.client, 'signal')
    await ann.client.emitWithAck('signal:send', { to: cat.joined.self.id, payload: candidate })
    await atCat
    expect(catSaw.map((e) => e.event)).toEqual(['signal'])
  })

  it('refuses a signal to a member of another room, and delivers nothing', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'one', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'two', nickname: 'Bob' })
    const bobSaw = record(bob.client)
    const refused = await ann.client.emitWithAck('signal:send', {
      to: bob.joined.self.id,
      payload: offer,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown_peer' } })
    await bob.client.emitWithAck('rooms:unwatch', {})
    expect(bobSaw).toEqual([])
  })

  it('refuses signals from a non-member, to an unknown id and to oneself', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const stranger = await connectClient(url)
    const annSaw = record(ann.client)
    expect(
      await stranger.emitWithAck('signal:send', { to: ann.joined.self.id, payload: offer }),
    ).toMatchObject({ ok: false, error: { code: 'not_in_room' } })
    expect(
      await ann.client.emitWithAck('signal:send', { to: 'no-such-member', payload: offer }),
    ).toMatchObject({ ok: false, error: { code: 'unknown_peer' } })
    expect(
      await ann.client.emitWithAck('signal:send', { to: ann.joined.self.id, payload: offer }),
    ).toMatchObject({ ok: false, error: { code: 'unknown_peer' } })
    expect(annSaw).toEqual([])
  })

  it('relays only the fields of the schema', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const refused = await ann.client.emitWithAck('signal:send', {
      to: bob.joined.self.id,
      payload: { description: { type: 'offer', sdp: 'v=0', html: '<script>' } },
    } as never)
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } })
  })
})
