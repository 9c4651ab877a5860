import { afterEach, describe, expect, it } from 'vitest'
import { CLIENT_EVENTS, type ClientEvent } from '../../protocol/index.js'
import {
  connectClient,
  joinedClient,
  nextEvent,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

const huge = 'x'.repeat(20_000)
const proto = (): unknown => JSON.parse('{"__proto__": {"polluted": true}}')

/** Wrong shapes every event must refuse, whatever its schema. */
const GENERIC: unknown[] = [
  null,
  42,
  'text',
  true,
  [],
  [{ room: 'a', nickname: 'b' }],
  { extra: 1 },
  proto(),
  { constructor: { prototype: { polluted: true } } },
  { [huge]: 1 },
]

/** Payloads near each event's schema but wrong in one field. */
const SPECIFIC: Record<ClientEvent, unknown[]> = {
  'room:join': [
    {},
    { room: 'demo' },
    { nickname: 'Ann' },
    { room: 42, nickname: 'Ann' },
    { room: 'demo', nickname: ['Ann'] },
    { room: '', nickname: 'Ann' },
    { room: 'demo', nickname: '   ' },
    { room: huge, nickname: 'Ann' },
    { room: 'demo', nickname: huge },
    { room: '../etc', nickname: 'Ann' },
    { room: 'demo', nickname: 'A\u0000nn' },
    { room: 'demo', nickname: 'Ann\u202e' },
    { room: 'demo', nickname: 'Ann', password: '' },
    { room: 'demo', nickname: 'Ann', password: huge },
    { room: 'demo', nickname: 'Ann', visibility: 'secret' },
    { room: 'demo', nickname: 'Ann', resume: 42 },
    { room: 'demo', nickname: 'Ann', resume: '<script>' },
    { room: 'demo', nickname: 'Ann', ...(proto() as object) },
    JSON.parse('{"room":"demo","nickname":"Ann","__proto__":{"isAdmin":true}}'),
  ],
  'room:leave': [{ room: 'demo' }],
  'chat:send': [
    {},
    { text: 42 },
    { text: '' },
    { text: '   \n ' },
    { text: huge },
    { text: 'hi', from: 'someone-else' },
    { text: 'hi', nickname: 'Admin' },
  ],
  'signal:send': [
    {},
    { to: 'x' },
    { payload: { candidate: null } },
    { to: 42, payload: { candidate: null } },
    { to: '../x', payload: { candidate: null } },
    { to: 'x', payload: {} },
    { to: 'x', payload: { description: { type: 'hack', sdp: '' } } },
    { to: 'x', payload: { description: { type: 'offer', sdp: 'x'.repeat(50_000) } } },
    { to: 'x', payload: { candidate: { candidate: huge } } },
    { to: 'x', payload: { candidate: null, description: { type: 'offer' } } },
    { to: 'x', payload: { candidate: { candidate: 'c', sdpMLineIndex: -1 } } },
    { to: 'x', payload: { streams: [{ id: '__proto__', role: 'camera' }] } },
    { to: 'x', payload: { streams: [{ id: 'a', role: 'microphone' }] } },
    {
      to: 'x',
      payload: { streams: Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, role: 'camera' })) },
    },
  ],
  'media:update': [
    {},
    { audio: true },
    { audio: 'yes', video: true, screen: false },
    { audio: true, video: true, screen: false, extra: true },
  ],
  'profile:update': [{}, { nickname: '' }, { nickname: huge }, { nickname: 7 }],
  'rooms:watch': [{ all: true }],
  'rooms:unwatch': [{ all: true }],
  'room:update': [
    {},
    { admission: 'ajar' },
    { visibility: 'listed' },
    { password: '' },
    { password: huge },
    { password: 42 },
    { admission: 'open', role: 'host' },
  ],
  'knock:answer': [
    {},
    { id: 'k' },
    { admit: true },
    { id: 'k', admit: 'yes' },
    { id: '../k', admit: true },
    { id: huge, admit: false },
  ],
  'member:remove': [{}, { id: 42 }, { id: '' }, { id: 'a b' }, { id: 'x', by: 'y' }],
  'member:mute': [{}, { id: 'x' }, { id: 'x', kind: 'microphone' }, { kind: 'audio' }],
  'member:promote': [{}, { id: null }, { id: 'x', role: 'host' }],
  'ice:refresh': [{ turn: true }],
  'sfu:publish': [
    {},
    { epoch: 1 },
    {
      epoch: -1,
      description: { type: 'offer', sdp: 'v=0' },
      sources: [{ mid: '0', source: 'camera' }],
    },
    {
      epoch: 1,
      description: { type: 'answer', sdp: 'v=0' },
      sources: [{ mid: '0', source: 'camera' }],
    },
    {
      epoch: 1,
      description: { type: 'offer', sdp: '' },
      sources: [{ mid: '0', source: 'camera' }],
    },
    {
      epoch: 1,
      description: { type: 'offer', sdp: huge.repeat(3) },
      sources: [{ mid: '0', source: 'camera' }],
    },
    { epoch: 1, description: { type: 'offer', sdp: 'v=0' }, sources: [] },
    {
      epoch: 1,
      description: { type: 'offer', sdp: 'v=0' },
      sources: [{ mid: '../0', source: 'camera' }],
    },
    {
      epoch: 1,
      description: { type: 'offer', sdp: 'v=0' },
      sources: [{ mid: '0', source: 'mic' }],
    },
  ],
  'sfu:subscribe': [{}, { epoch: '1' }, { epoch: 1.5 }, { epoch: 1, feeds: ['x'] }],
  'sfu:answer': [
    { epoch: 1 },
    { epoch: 1, description: { type: 'offer', sdp: 'v=0' } },
    { epoch: 1, description: { type: 'answer' } },
  ],
  'sfu:candidate': [
    { epoch: 1, candidate: null },
    { epoch: 1, target: 'both', candidate: null },
    { epoch: 1, target: 'publish', candidate: { candidate: huge } },
  ],
  'sfu:layers': [
    { epoch: 1, choices: [] },
    { epoch: 1, choices: [{ member: 'x', source: 'camera', layer: 'ultra' }] },
    { epoch: 1, choices: [{ member: '../x', source: 'camera', layer: 'low' }] },
    {
      epoch: 1,
      choices: Array.from({ length: 101 }, () => ({ member: 'x', source: 'camera', layer: 'low' })),
    },
  ],
}

const generous = { burst: 100_000, perSecond: 100_000 }
const noLimits = {
  join: generous,
  chat: generous,
  signal: generous,
  update: generous,
  host: generous,
  sfu: generous,
}

describe('malformed payloads', () => {
  const events = Object.keys(CLIENT_EVENTS) as ClientEvent[]

  it.each(events)(
    '%s answers every malformed payload with invalid and changes nothing',
    async (event) => {
      const { url } = await startServer({ rateLimits: noLimits })
      const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann', visibility: 'public' })
      const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
      let annHeard = 0
      ann.client.onAny(() => annHeard++)
      const send = bob.client as unknown as {
        emitWithAck(event: string, ...args: unknown[]): Promise<unknown>
      }
      for (const payload of [...GENERIC, ...SPECIFIC[event]]) {
        const ack = await send.emitWithAck(event, payload)
        expect(ack, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({
          ok: false,
          error: { code: 'invalid' },
        })
      }
      // Two payloads instead of one is refused too.
      expect(await send.emitWithAck(event, {}, {})).toMatchObject({
        ok: false,
        error: { code: 'invalid' },
      })
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()

      // Nothing changed: Bob still holds his seat, Ann heard nothing, and the room is as it was.
      const chat = nextEvent(ann.client, 'chat:message')
      const ok = await bob.client.emitWithAck('chat:send', { text: 'still here' })
      expect(ok.ok).toBe(true)
      expect((await chat).nickname).toBe('Bob')
      expect(annHeard).toBe(1)
      const watch = await ann.client.emitWithAck('rooms:watch', {})
      expect(watch.ok && watch.rooms).toEqual([
        { name: 'demo', participants: 2, capacity: 8, locked: false, admission: 'open' },
      ])
    },
  )

  it('ignores events sent without an ack, and unknown events, and keeps serving', async () => {
    const { url } = await startServer({ rateLimits: noLimits })
    const raw = (await connectClient(url)) as unknown as {
      emit(event: string, ...args: unknown[]): void
      emitWithAck(event: string, ...args: unknown[]): Promise<unknown>
    }
    raw.emit('room:join', { room: 'sneaky', nickname: 'NoAck' })
    raw.emit('admin:shutdown', {})
    raw.emit('room:join')
    raw.emit('__proto__', {})
    // Events of one socket are handled in order: once this is answered, the ones above were seen.
    expect(await raw.emitWithAck('chat:send', { text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'not_in_room' },
    })
    const watcher = await connectClient(url)
    const watch = await watcher.emitWithAck('rooms:watch', {})
    expect(watch.ok && watch.rooms).toEqual([])
  })

  it('drops a connection that sends a packet over the size limit; others are served', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const big = await joinedClient(url, { room: 'demo', nickname: 'Big' })
    const closed = new Promise<string>((resolve) => big.client.once('disconnect', resolve))
    big.client.emit('chat:send', { text: 'x'.repeat(100_000) }, () => undefined)
    expect(await closed).toBe('transport close')
    const ok = await ann.client.emitWithAck('chat:send', { text: 'fine' })
    expect(ok.ok).toBe(true)
  })
})
