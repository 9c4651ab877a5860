import { afterEach, describe, expect, it } from 'vitest'
import {
  connectClient,
  joinedClient,
  nextEvent,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

describe('member updates', () => {
  it('passes media:update on to the others as peer:updated', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const seen = nextEvent(ann.client, 'peer:updated')
    const media = { audio: true, video: false, screen: true }
    expect(await bob.client.emitWithAck('media:update', media)).toEqual({ ok: true })
    expect(await seen).toEqual({ id: bob.joined.self.id, nickname: 'Bob', media, role: 'member' })

    const cat = await joinedClient(url, { room: 'demo', nickname: 'Cat' })
    expect(cat.joined.peers.find((p) => p.id === bob.joined.self.id)?.media).toEqual(media)
  })

  it('passes profile:update on, and later chat carries the new nickname', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const seen = nextEvent(ann.client, 'peer:updated')
    expect(await bob.client.emitWithAck('profile:update', { nickname: '  Robert ' })).toEqual({
      ok: true,
    })
    expect(await seen).toMatchObject({ id: bob.joined.self.id, nickname: 'Robert' })
    const chat = await bob.client.emitWithAck('chat:send', { text: 'hi' })
    expect(chat.ok && chat.message.nickname).toBe('Robert')
  })

  it('refuses updates from someone in no room', async () => {
    const { url } = await startServer()
    const loner = await connectClient(url)
    expect(
      await loner.emitWithAck('media:update', { audio: true, video: true, screen: false }),
    ).toMatchObject({ ok: false, error: { code: 'not_in_room' } })
    expect(await loner.emitWithAck('profile:update', { nickname: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'not_in_room' },
    })
  })
})
