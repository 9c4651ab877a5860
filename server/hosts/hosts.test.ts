import { afterEach, describe, expect, it } from 'vitest'
import {
  connectClient,
  joinedClient,
  nextEvent,
  record,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

async function trio() {
  const { url } = await startServer()
  const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
  const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
  const cat = await joinedClient(url, { room: 'r', nickname: 'Cat' })
  return { url, ann, bob, cat }
}

describe('host actions', () => {
  it('refuses every host action from a member with forbidden, and nobody hears a thing', async () => {
    const { ann, bob, cat } = await trio()
    const heard = record(ann.client)
    const annId = ann.joined.self.id
    const attempts = [
      ['room:update', { admission: 'closed' }],
      ['knock:answer', { id: 'k1', admit: true }],
      ['member:remove', { id: annId }],
      ['member:mute', { id: annId, kind: 'audio' }],
      ['member:promote', { id: cat.joined.self.id }],
    ] as const
    for (const [event, payload] of attempts) {
      const send = bob.client as unknown as {
        emitWithAck(e: string, p: unknown): Promise<unknown>
      }
      expect(await send.emitWithAck(event, payload), event).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    }
    const marker = nextEvent(ann.client, 'chat:message')
    await bob.client.emitWithAck('chat:send', { text: 'marker' })
    await marker
    expect(heard.map((e) => e.event)).toEqual(['chat:message'])
  })

  it('answers unknown_peer for a member of another room, or oneself', async () => {
    const { url, ann } = await trio()
    const other = await joinedClient(url, { room: 'elsewhere', nickname: 'Oz' })
    for (const id of [other.joined.self.id, ann.joined.self.id]) {
      expect(await ann.client.emitWithAck('member:remove', { id })).toMatchObject({
        error: { code: 'unknown_peer' },
      })
      expect(await ann.client.emitWithAck('member:mute', { id, kind: 'video' })).toMatchObject({
        error: { code: 'unknown_peer' },
      })
    }
    const loner = await connectClient(url)
    expect(await loner.emitWithAck('member:promote', { id: 'x' })).toMatchObject({
      error: { code: 'not_in_room' },
    })
    expect(await loner.emitWithAck('ice:refresh', {})).toMatchObject({
      error: { code: 'not_in_room' },
    })
  })

  it('removes a member: others see peer:left removed, it hears room:removed, and its return knocks', async () => {
    const { url, ann, bob, cat } = await trio()
    const catSees = nextEvent(cat.client, 'peer:left')
    const removed = nextEvent(bob.client, 'room:removed')
    const bobHeard = record(bob.client)
    expect(await ann.client.emitWithAck('member:remove', { id: bob.joined.self.id })).toEqual({
      ok: true,
    })
    expect(await catSees).toEqual({ id: bob.joined.self.id, reason: 'removed' })
    expect(await removed).toEqual({ by: 'Ann' })
    expect(bobHeard.some((e) => e.event === 'peer:left')).toBe(false)
    expect(await bob.client.emitWithAck('chat:send', { text: 'hi' })).toMatchObject({
      error: { code: 'not_in_room' },
    })
    // The token ended with the seat; a fresh join from that address knocks in an open room.
    const back = await connectClient(url)
    const request = nextEvent(ann.client, 'knock:request')
    const ack = back.emitWithAck('room:join', {
      room: 'r',
      nickname: 'Bob',
      resume: bob.joined.token,
    })
    expect((await request).nickname).toBe('Bob')
    back.disconnect()
    await expect(ack).rejects.toThrow()
  })

  it('mutes a member: it hears who, the others see its media off', async () => {
    const { ann, bob, cat } = await trio()
    const announced = nextEvent(cat.client, 'peer:updated')
    await bob.client.emitWithAck('media:update', { audio: true, video: true, screen: false })
    await announced
    const muted = nextEvent(bob.client, 'member:muted')
    const seen = nextEvent(cat.client, 'peer:updated')
    await ann.client.emitWithAck('member:mute', { id: bob.joined.self.id, kind: 'audio' })
    expect(await muted).toEqual({ kind: 'audio', by: 'Ann' })
    const update = await seen
    expect(update).toMatchObject({ id: bob.joined.self.id, media: { audio: false, video: true } })
  })

  it('promotes a member, and hands over to the longest-seated when the last host leaves', async () => {
    const { ann, bob, cat } = await trio()
    const seen = nextEvent(cat.client, 'peer:updated')
    await ann.client.emitWithAck('member:promote', { id: cat.joined.self.id })
    expect(await seen).toMatchObject({ id: cat.joined.self.id, role: 'host' })
    // Cat, a host now, may change the room.
    const updated = await cat.client.emitWithAck('room:update', { admission: 'knock' })
    expect(updated.ok && updated.room.admission).toBe('knock')
    // Ann leaves, Cat is host still: no hand-over. Then Cat leaves: Bob, longest-seated, is host.
    const bobHeard = record(bob.client)
    await ann.client.emitWithAck('room:leave', {})
    const handed = nextEvent(bob.client, 'peer:updated')
    await cat.client.emitWithAck('room:leave', {})
    expect(await handed).toMatchObject({ id: bob.joined.self.id, role: 'host' })
    expect(bobHeard.filter((e) => e.event === 'peer:updated')).toHaveLength(1)
    const again = await bob.client.emitWithAck('room:join', { room: 'r', nickname: 'Bob' })
    expect(again.ok && again.self.role).toBe('host')
  })

  it('updates each room setting mid-call; everyone sees room:updated; the list follows', async () => {
    const { url, ann, bob } = await trio()
    const watcher = await connectClient(url)
    expect(await watcher.emitWithAck('rooms:watch', {})).toEqual({ ok: true, rooms: [] })
    const bobSees = nextEvent(bob.client, 'room:updated')
    const listed = nextEvent(watcher, 'rooms:changed')
    const pub = await ann.client.emitWithAck('room:update', {
      visibility: 'public',
      password: 'pass-word',
    })
    expect(pub.ok && pub.room).toMatchObject({ visibility: 'public', locked: true })
    expect(await bobSees).toMatchObject({ visibility: 'public', locked: true })
    expect(await listed).toEqual([
      { name: 'r', participants: 3, capacity: 8, locked: true, admission: 'open' },
    ])
    const stranger = await connectClient(url)
    expect(await stranger.emitWithAck('room:join', { room: 'r', nickname: 'Sy' })).toMatchObject({
      error: { code: 'wrong_password' },
    })
    const cleared = await ann.client.emitWithAck('room:update', { password: null })
    expect(cleared.ok && cleared.room.locked).toBe(false)
    const joined = await stranger.emitWithAck('room:join', { room: 'r', nickname: 'Sy' })
    expect(joined.ok).toBe(true)
    const raw = ann.client as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }
    expect(await raw.emitWithAck('room:update', {})).toMatchObject({
      error: { code: 'invalid' },
    })
  })

  it('refuses a look-alike nickname on join and on rename', async () => {
    const { url, bob } = await trio()
    const cyrillic = await connectClient(url)
    // "Аnn" starts with CYRILLIC CAPITAL LETTER A.
    expect(
      await cyrillic.emitWithAck('room:join', { room: 'r', nickname: '\u0410nn' }),
    ).toMatchObject({ error: { code: 'nickname_taken' } })
    expect(await bob.client.emitWithAck('profile:update', { nickname: 'C\u0430t' })).toMatchObject({
      error: { code: 'nickname_taken' },
    })
    expect(await bob.client.emitWithAck('profile:update', { nickname: 'Bobby' })).toEqual({
      ok: true,
    })
  })

  it('hands out fresh ICE servers to any member with someone to call', async () => {
    const { url } = await startServer({
      turn: { secret: 'a-turn-secret-of-16+', urls: ['turn:turn.example.com:3478'] },
    })
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    await joinedClient(url, { room: 'r', nickname: 'Bob' })
    const refreshed = await ann.client.emitWithAck('ice:refresh', {})
    const turn = refreshed.ok ? refreshed.iceServers[0] : undefined
    expect(turn?.urls).toEqual(['turn:turn.example.com:3478'])
    expect(turn?.username).toMatch(/^\d+:/)
    expect(turn?.credential).toBeTruthy()
  })
})
