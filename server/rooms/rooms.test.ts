import { afterEach, describe, expect, it } from 'vitest'
import type { RoomSummary } from '../../protocol/index.js'
import {
  connectClient,
  eventMatching,
  joinedClient,
  nextEvent,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

describe('rooms over real sockets', () => {
  it('lets two members meet: the first creates the room, the second sees the first', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    expect(ann.joined.peers).toEqual([])
    expect(ann.joined.self.role).toBe('host')
    expect(ann.joined.room).toEqual({
      name: 'demo',
      participants: 1,
      capacity: 8,
      locked: false,
      admission: 'open',
      visibility: 'private',
    })
    const announced = nextEvent(ann.client, 'peer:joined')
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    expect(bob.joined.peers).toEqual([ann.joined.self])
    expect(await announced).toEqual(bob.joined.self)
    expect(bob.joined.self.id).not.toBe(ann.joined.self.id)
  })

  it('tells both remaining members of a three-member room when one leaves', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'trio', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'trio', nickname: 'Bob' })
    const cat = await joinedClient(url, { room: 'trio', nickname: 'Cat' })
    expect(cat.joined.peers.map((p) => p.nickname).sort()).toEqual(['Ann', 'Bob'])
    const annSees = nextEvent(ann.client, 'peer:left')
    const catSees = nextEvent(cat.client, 'peer:left')
    expect(await bob.client.emitWithAck('room:leave', {})).toEqual({ ok: true })
    expect(await annSees).toEqual({ id: bob.joined.self.id, reason: 'left' })
    expect(await catSees).toEqual({ id: bob.joined.self.id, reason: 'left' })
    expect(await bob.client.emitWithAck('room:leave', {})).toMatchObject({
      ok: false,
      error: { code: 'not_in_room' },
    })
  })

  it('removes a member at once when its client disconnects on purpose', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const left = nextEvent(ann.client, 'peer:left')
    bob.client.disconnect()
    expect(await left).toEqual({ id: bob.joined.self.id, reason: 'left' })
  })

  it('moves a member who joins another room out of the first', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'one', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'one', nickname: 'Bob' })
    const left = nextEvent(ann.client, 'peer:left')
    const moved = await bob.client.emitWithAck('room:join', { room: 'two', nickname: 'Bob' })
    expect(moved.ok && moved.peers).toEqual([])
    expect(await left).toEqual({ id: bob.joined.self.id, reason: 'left' })
  })

  it('keeps a member in its room when a join elsewhere is refused', async () => {
    const { url } = await startServer()
    await joinedClient(url, { room: 'vault', nickname: 'Vic', password: 'pass-word' })
    const ann = await joinedClient(url, { room: 'home', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'home', nickname: 'Bob' })
    const refused = await bob.client.emitWithAck('room:join', { room: 'vault', nickname: 'Bob' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'wrong_password' } })
    const chat = nextEvent(ann.client, 'chat:message')
    await bob.client.emitWithAck('chat:send', { text: 'still home' })
    expect(await chat).toMatchObject({ from: bob.joined.self.id, text: 'still home' })
  })

  it('answers a join of the room one is in with the same seat', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const renamed = nextEvent(ann.client, 'peer:updated')
    const again = await bob.client.emitWithAck('room:join', { room: 'demo', nickname: 'Robert' })
    expect(again.ok && again.self).toMatchObject({ id: bob.joined.self.id, nickname: 'Robert' })
    expect(again.ok && again.peers).toEqual([ann.joined.self])
    expect(await renamed).toMatchObject({ id: bob.joined.self.id, nickname: 'Robert' })
  })

  it('answers room_full at capacity and changes nothing', async () => {
    const { url } = await startServer({ capacity: 2 })
    const ann = await joinedClient(url, { room: 'pair', nickname: 'Ann', visibility: 'public' })
    await joinedClient(url, { room: 'pair', nickname: 'Bob' })
    const cat = await connectClient(url)
    const refused = await cat.emitWithAck('room:join', { room: 'pair', nickname: 'Cat' })
    expect(refused).toEqual({
      ok: false,
      error: { code: 'room_full', message: 'This room is full (2 people).' },
    })
    const watch = await ann.client.emitWithAck('rooms:watch', {})
    expect(watch.ok && watch.rooms).toEqual([
      { name: 'pair', participants: 2, capacity: 2, locked: false, admission: 'open' },
    ])
  })

  it('locks a room with the password its creator gave: wrong or missing is refused, right joins', async () => {
    const { url } = await startServer()
    await joinedClient(url, { room: 'vault', nickname: 'Ann', password: 'open sesame' })
    const bob = await connectClient(url)
    const missing = await bob.emitWithAck('room:join', { room: 'vault', nickname: 'Bob' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'wrong_password' } })
    const wrong = await bob.emitWithAck('room:join', {
      room: 'vault',
      nickname: 'Bob',
      password: 'open sesame!',
    })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_password' } })
    const right = await bob.emitWithAck('room:join', {
      room: 'vault',
      nickname: 'Bob',
      password: 'open sesame',
    })
    expect(right.ok && right.room.locked).toBe(true)
  })

  it('forgets an empty room: its lock and visibility go with it', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, {
      room: 'gone',
      nickname: 'Ann',
      password: 'secret-pw',
      visibility: 'private',
    })
    await ann.client.emitWithAck('room:leave', {})
    const bob = await joinedClient(url, { room: 'gone', nickname: 'Bob', visibility: 'public' })
    expect(bob.joined.room).toMatchObject({ locked: false, visibility: 'public', participants: 1 })
  })

  it('keeps the creator’s visibility: a later joiner cannot make a private room public', async () => {
    const { url } = await startServer()
    await joinedClient(url, { room: 'hidden', nickname: 'Ann', visibility: 'private' })
    const bob = await joinedClient(url, { room: 'hidden', nickname: 'Bob', visibility: 'public' })
    expect(bob.joined.room.visibility).toBe('private')
    const watcher = await connectClient(url)
    const watch = await watcher.emitWithAck('rooms:watch', {})
    expect(watch.ok && watch.rooms).toEqual([])
  })
})

describe('the public room list', () => {
  it('lists public rooms with counts and locks, never private ones, and pushes changes', async () => {
    const { url } = await startServer()
    const watcher = await connectClient(url)
    const initial = await watcher.emitWithAck('rooms:watch', {})
    expect(initial).toEqual({ ok: true, rooms: [] })

    const firstPush = eventMatching(watcher, 'rooms:changed', (rooms) => rooms.length === 2)
    const ann = await joinedClient(url, { room: 'lobby', nickname: 'Ann', visibility: 'public' })
    await joinedClient(url, { room: 'secret', nickname: 'Sam', visibility: 'private' })
    await joinedClient(url, { room: 'dark', nickname: 'Dee' })
    await joinedClient(url, {
      room: 'locked',
      nickname: 'Lou',
      password: 'pass-word',
      visibility: 'public',
    })
    // Private rooms never appear, however long we wait: the push carrying both public rooms is
    // emitted after the private room was created.
    expect(await firstPush).toEqual([
      { name: 'lobby', participants: 1, capacity: 8, locked: false, admission: 'open' },
      { name: 'locked', participants: 1, capacity: 8, locked: true, admission: 'open' },
    ])

    const lobbyCount = (rooms: RoomSummary[]) => rooms.find((r) => r.name === 'lobby')?.participants
    const second = eventMatching(watcher, 'rooms:changed', (rooms) => lobbyCount(rooms) === 2)
    await joinedClient(url, { room: 'lobby', nickname: 'Bob' })
    // Fullest first.
    expect((await second)[0]?.name).toBe('lobby')

    const afterLeave = eventMatching(watcher, 'rooms:changed', (rooms) => lobbyCount(rooms) === 1)
    await ann.client.emitWithAck('room:leave', {})
    expect(await afterLeave).toHaveLength(2)
  })

  it('stops pushing after rooms:unwatch', async () => {
    const { url } = await startServer()
    const watcher = await connectClient(url)
    const other = await connectClient(url)
    await watcher.emitWithAck('rooms:watch', {})
    await other.emitWithAck('rooms:watch', {})
    expect(await watcher.emitWithAck('rooms:unwatch', {})).toEqual({ ok: true })
    let pushedToWatcher = 0
    watcher.on('rooms:changed', () => pushedToWatcher++)
    const push = nextEvent(other, 'rooms:changed')
    await joinedClient(url, { room: 'demo', nickname: 'Ann', visibility: 'public' })
    await push
    // The push to `other` was emitted in the same broadcast; an ack round trip on `watcher` flushes
    // anything that was queued for it.
    await watcher.emitWithAck('rooms:unwatch', {})
    expect(pushedToWatcher).toBe(0)
  })
})
