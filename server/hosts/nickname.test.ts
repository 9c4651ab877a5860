/**
 * Look-alike names against the real server (issue 11, point 5): what only the room can judge (a
 * name like a present member's: `nickname_taken`) and what the schema refuses before anyone hears
 * of it. protocol/names.test.ts has the whole table of strings.
 */
import { afterEach, describe, expect, it } from 'vitest'
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

/** Proves `client` heard nothing but a marker chat line from `from`, sent after whatever was tried. */
async function heardNothingBut(client: Client, from: Client, heard: Array<{ event: string }>) {
  const marker = nextEvent(client, 'chat:message')
  await from.emitWithAck('chat:send', { text: 'marker' })
  await marker
  expect(heard.map((e) => e.event)).toEqual(['chat:message'])
}

describe('nicknames like a present member’s', () => {
  it.each([
    ['an exact duplicate', 'Alice'],
    ['a Cyrillic А', '\u0410lice'],
    ['a capital I for the l', 'AIice'],
    ['full-width letters', 'Ａｌｉｃｅ'],
  ])('refuses %s with nickname_taken on join, and nobody hears of it', async (_what, nickname) => {
    const { url } = await startServer()
    const alice = await joinedClient(url, { room: 'r', nickname: 'Alice' })
    const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
    const heard = record(alice.client)
    const other = await connectClient(url)
    expect(await other.emitWithAck('room:join', { room: 'r', nickname })).toMatchObject({
      ok: false,
      error: { code: 'nickname_taken' },
    })
    await heardNothingBut(alice.client, bob.client, heard)
  })

  it('keeps the old name when a resume brings a look-alike of a present member', async () => {
    const { url } = await startServer({ resumeGraceMs: 10_000 })
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
    bob.client.io.engine.close() // a network blip: no goodbye
    const back = await connectClient(url)
    const resumed = await back.emitWithAck('room:join', {
      room: 'r',
      nickname: '\u0410nn',
      resume: bob.joined.token,
    })
    expect(resumed.ok && resumed.self).toMatchObject({ id: bob.joined.self.id, nickname: 'Bob' })
    // Bob's skeleton is still Bob's: nobody else may now take it.
    const other = await connectClient(url)
    expect(await other.emitWithAck('room:join', { room: 'r', nickname: 'Bob' })).toMatchObject({
      error: { code: 'nickname_taken' },
    })
    expect(
      (await joinedClient(url, { room: 'r', nickname: 'Cy' })).joined.peers
        .map((p) => p.nickname)
        .sort(),
    ).toEqual(['Ann', 'Bob'])
    expect(ann.joined.self.nickname).toBe('Ann')
  })

  it('refuses a rename to a present name, exact or in another script, and keeps the old one', async () => {
    const { url } = await startServer()
    const papa = await joinedClient(url, { room: 'r', nickname: 'Papa' })
    const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
    const heard = record(papa.client)
    // "Рара" is all Cyrillic: no script is mixed, only the skeleton tells.
    for (const nickname of ['Papa', '\u0420\u0430\u0440\u0430']) {
      expect(await bob.client.emitWithAck('profile:update', { nickname })).toMatchObject({
        error: { code: 'nickname_taken' },
      })
    }
    await heardNothingBut(papa.client, bob.client, heard)
    const later = await joinedClient(url, { room: 'r', nickname: 'Cy' })
    expect(later.joined.peers.map((p) => p.nickname).sort()).toEqual(['Bob', 'Papa'])
  })

  it('lets a member keep their own name and take one like nobody else’s', async () => {
    const { url } = await startServer()
    await joinedClient(url, { room: 'r', nickname: 'Alice' })
    const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
    expect(await bob.client.emitWithAck('profile:update', { nickname: 'Bob' })).toEqual({
      ok: true,
    })
    expect(await bob.client.emitWithAck('profile:update', { nickname: '김민준' })).toEqual({
      ok: true,
    })
  })
})

describe('names the schema refuses', () => {
  it('refuses "Bob (you)" on join and on rename as invalid, and nobody hears of it', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    const heard = record(ann.client)
    const bob = await connectClient(url)
    const refused = await bob.emitWithAck('room:join', { room: 'r', nickname: 'Bob (you)' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(!refused.ok && refused.error.message).toMatch(/^nickname: .*\(you\)/)
    const arrival = nextEvent(ann.client, 'peer:joined')
    const cat = await joinedClient(url, { room: 'r', nickname: 'Cat' })
    // Cat's arrival is all Ann heard of anyone joining: nothing of Bob.
    expect((await arrival).nickname).toBe('Cat')
    expect(heard.map((e) => e.event)).toEqual(['peer:joined'])
    heard.length = 0
    for (const nickname of ['Cat (Host)', 'Cat (나)']) {
      expect(await cat.client.emitWithAck('profile:update', { nickname })).toMatchObject({
        error: { code: 'invalid' },
      })
    }
    await heardNothingBut(ann.client, cat.client, heard)
  })

  it('refuses a room name mixing Latin and Cyrillic, and folds full-width into the same room', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'standup', nickname: 'Ann', visibility: 'public' })
    const stranger = await connectClient(url)
    expect(
      await stranger.emitWithAck('room:join', { room: 'st\u0430ndup', nickname: 'Bob' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid', message: /^room: .*scripts/ } })
    const arrival = nextEvent(ann.client, 'peer:joined')
    const wide = await joinedClient(url, { room: 'ｓｔａｎｄｕｐ', nickname: 'Cat' })
    expect(wide.joined.room.name).toBe('standup')
    expect(wide.joined.peers.map((p) => p.nickname)).toEqual(['Ann'])
    expect((await arrival).nickname).toBe('Cat')
  })
})
