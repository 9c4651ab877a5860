import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MediaState } from '../../protocol/index.js'
import type { CallEngine } from './call.js'
import {
  FakeRemote,
  Rendezvous,
  closeAll,
  dropConnection,
  nextEvent,
  rawMember,
  record,
  testEngine,
  type ClientSocket,
  type TestEngine,
} from './test-kit.node.js'

afterEach(closeAll)

const ON: MediaState = { audio: true, video: true, screen: false }

async function inCall(
  url: string,
  nickname: string,
  options: Parameters<typeof testEngine>[1] = {},
) {
  const member = testEngine(url, options)
  const failure = await member.engine.join({ server: url, room: 'demo', nickname }, ON)
  expect(failure).toBeNull()
  return member
}

/** Everything an engine reports of people coming and going. */
function presence(engine: CallEngine): string[] {
  const seen: string[] = []
  engine.on('presence', (event, nickname) => seen.push(`${event} ${nickname}`))
  return seen
}

/** The engine's phase goes to reconnecting and back to in-call. */
async function backInCall(member: TestEngine): Promise<void> {
  await nextEvent(member.engine, 'phase', (phase) => phase === 'reconnecting')
  await nextEvent(member.engine, 'phase', (phase) => phase === 'in-call')
}

/** Waits until the engine has `count` remote members. */
async function remotesOf(member: TestEngine, count: number): Promise<void> {
  if (member.engine.remotes.length === count) return
  await nextEvent(member.engine, 'change', () => member.engine.remotes.length === count)
}

/** Waits until `client` has had a chat message from `engine`: what the server sent it before has come. */
async function flush(engine: CallEngine, client: ClientSocket): Promise<void> {
  const got = new Promise<void>((resolve) => client.once('chat:message', () => resolve()))
  await engine.sendChat('flush')
  await got
}

describe('CallEngine against a real server', () => {
  it('joins: one remote per member, the newcomer offered to, our own seat with our media', async () => {
    const server = await Rendezvous.start()
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const ann = await inCall(server.url, 'Ann')
    expect(ann.engine.self).toMatchObject({ nickname: 'Ann', media: ON })
    expect(ann.engine.room).toEqual({
      name: 'demo',
      locked: false,
      visibility: 'private',
      admission: 'open',
      capacity: 8,
    })
    expect(ann.made.map((r) => [r.id, r.options.initiator])).toEqual([[bo.joined.self.id, false]])

    const seen = presence(ann.engine)
    const joined = nextEvent(ann.engine, 'presence')
    const cy = await rawMember(server.url, { room: 'demo', nickname: 'Cy' })
    await joined
    expect(seen).toEqual(['joined Cy'])
    expect(ann.engine.remotes.map((r) => r.id)).toEqual([bo.joined.self.id, cy.joined.self.id])
    expect(ann.made[1]?.options.initiator).toBe(true)
    // What we send goes to each newcomer at once.
    expect(ann.made[1]?.sent).toHaveLength(1)
  })

  it('resumes after a dropped socket: same id, same peers kept, and the others see nothing', async () => {
    const server = await Rendezvous.start()
    const ann = await inCall(server.url, 'Ann')
    const id = ann.engine.self?.id
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    await remotesOf(ann, 1)
    const remote = ann.made[0]
    const left = record(bo.client, 'peer:left')
    const joined = record(bo.client, 'peer:joined')
    const seen = presence(ann.engine)

    const back = backInCall(ann)
    dropConnection(ann.sockets[0])
    await back
    expect(ann.engine.self?.id).toBe(id)
    expect(ann.engine.remotes).toEqual([remote])
    expect(remote?.closed).toBe(false)
    await flush(ann.engine, bo.client)
    expect(left).toEqual([])
    expect(joined).toEqual([])
    expect(seen).toEqual([])
  })

  it('comes back from a server restart with its seat, and keeps its peers through it', async () => {
    const server = await Rendezvous.start()
    const ann = await inCall(server.url, 'Ann')
    const bo = await inCall(server.url, 'Bo')
    await remotesOf(ann, 1)
    const ids = [ann.engine.self?.id, bo.engine.self?.id]
    const seen = [...presence(ann.engine), ...presence(bo.engine)]

    const back = Promise.all([backInCall(ann), backInCall(bo)])
    await server.restart()
    await back
    expect([ann.engine.self?.id, bo.engine.self?.id]).toEqual(ids)
    // Whoever resumed first waits for the other, who then comes back: no one is replaced.
    expect(ann.made).toHaveLength(1)
    expect(bo.made).toHaveLength(1)
    expect(ann.made[0]?.closed).toBe(false)
    expect(bo.made[0]?.closed).toBe(false)
    expect(seen).toEqual([])
  })

  it('delivers a signal that came before its peer:joined once the member is known', async () => {
    const server = await Rendezvous.start()
    const ann = await inCall(server.url, 'Ann', { hold: ['peer:joined'] })
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const offer = { description: { type: 'offer' as const, sdp: 'v=0' } }
    expect(
      await bo.client.emitWithAck('signal:send', { to: ann.engine.self?.id ?? '', payload: offer }),
    ).toEqual({ ok: true })
    // Chat after the signal: once it is in, so is the signal, while peer:joined is still held.
    const chat = nextEvent(ann.engine, 'chat')
    await bo.client.emitWithAck('chat:send', { text: 'after the signal' })
    await chat
    expect(ann.engine.remotes).toEqual([])

    ann.release()
    // Ann was alone, so she asks for TURN credentials before she calls Bo (ice-refresh.ts).
    await remotesOf(ann, 1)
    expect(ann.made.map((r) => r.id)).toEqual([bo.joined.self.id])
    expect(ann.made[0]?.received).toEqual([offer])
  })

  it('keeps a member a resume left out for the return grace, then lets them go', async () => {
    const server = await Rendezvous.start()
    const ann = await inCall(server.url, 'Ann', { returnGraceMs: 50 })
    // Bo never comes back: a raw member does not reconnect.
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    await remotesOf(ann, 1)
    const remote = ann.made[0]
    const seen = presence(ann.engine)

    const back = backInCall(ann)
    await server.restart()
    await back
    // The restarted server does not list Bo, but Bo may still be on the way back.
    expect(ann.engine.remotes).toEqual([remote])
    expect(remote?.closed).toBe(false)
    expect(seen).toEqual([])

    await nextEvent(ann.engine, 'presence')
    expect(seen).toEqual(['left Bo'])
    expect(ann.engine.remotes).toEqual([])
    expect(remote?.closed).toBe(true)
    bo.client.disconnect()
  })

  it('tells the UI of a newcomer only once what we send them, with our offer, is on its way', async () => {
    const server = await Rendezvous.start()
    let release = () => {}
    const offered = new Promise<void>((resolve) => (release = resolve))
    const made: FakeRemote[] = []
    const ann = await inCall(server.url, 'Ann', {
      createRemote: (options) => {
        const remote = new FakeRemote(options)
        remote.send = () => offered
        made.push(remote)
        return remote
      },
    })
    const seen = presence(ann.engine)
    let changes = 0
    ann.engine.on('change', () => changes++)
    await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    await vi.waitFor(() => expect(made).toHaveLength(1))
    // Their tile's render must not run before the offer has gone.
    expect(seen).toEqual([])
    expect(changes).toBe(0)

    release()
    await vi.waitFor(() => expect(seen).toEqual(['joined Bo']))
    expect(changes).toBeGreaterThan(0)
  })

  it('keeps what it knew of a member’s media when a restarted server lists their rebuilt seat, until they say it again', async () => {
    const server = await Rendezvous.start()
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    await bo.client.emitWithAck('media:update', ON)
    const ann = await inCall(server.url, 'Ann')
    await remotesOf(ann, 1)
    expect(ann.engine.remotes[0]?.participant.media).toEqual(ON)
    // Ann stays away until Bo's seat is rebuilt, so her resume answer lists Bo with media all off.
    const annSocket = ann.sockets[0]
    annSocket?.io.reconnection(false)

    const annBack = backInCall(ann)
    await server.restart()
    const boBack = await rawMember(server.url, {
      room: 'demo',
      nickname: 'Bo',
      resume: bo.joined.token,
    })
    expect(boBack.joined.self.id).toBe(bo.joined.self.id)
    annSocket?.io.reconnection(true)
    annSocket?.connect()
    await annBack
    // A rebuilt seat starts with nothing on: that says nothing of Bo, whose camera never stopped.
    expect(ann.engine.remotes[0]?.participant.media).toEqual(ON)

    const muted = { audio: false, video: true, screen: false }
    const said = nextEvent(
      ann.engine,
      'change',
      () => !ann.engine.remotes[0]?.participant.media.audio,
    )
    await boBack.client.emitWithAck('media:update', muted)
    await said
    expect(ann.engine.remotes[0]?.participant.media).toEqual(muted)
  })

  it('keeps a member who comes back within the grace, with no leave and no join', async () => {
    const server = await Rendezvous.start()
    const ann = await inCall(server.url, 'Ann')
    const bo = await inCall(server.url, 'Bo')
    await remotesOf(ann, 1)
    const remote = ann.made[0]
    const seen = presence(ann.engine)
    // Bo stays away until Ann is back, so Ann's resume answer cannot list Bo.
    const boSocket = bo.sockets[0]
    boSocket?.io.reconnection(false)

    const annBack = backInCall(ann)
    const boBack = backInCall(bo)
    await server.restart()
    await annBack
    expect(ann.engine.remotes).toEqual([remote])

    const boSeen = nextEvent(ann.engine, 'change')
    boSocket?.io.reconnection(true)
    boSocket?.connect()
    await boBack
    await boSeen
    expect(ann.engine.remotes).toEqual([remote])
    expect(remote?.closed).toBe(false)
    expect(seen).toEqual([])
  })
})
