import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol/index.js'
import {
  connectClient,
  joinedClient,
  nextEvent,
  startServer,
  stopAll,
} from '../../tests/support/harness.js'

afterEach(stopAll)

describe('chat', () => {
  it('carries messages both ways, stamped by the server with id, sender, nickname and time', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })

    const toBob = nextEvent(bob.client, 'chat:message')
    const sent = await ann.client.emitWithAck('chat:send', { text: 'hello <b>Bob</b>' })
    if (!sent.ok) throw new Error(sent.error.message)
    expect(sent.message).toMatchObject({
      from: ann.joined.self.id,
      nickname: 'Ann',
      text: 'hello <b>Bob</b>',
    })
    expect(sent.message.ts).toBeGreaterThan(0)
    expect(await toBob).toEqual(sent.message)

    const toAnn = nextEvent(ann.client, 'chat:message')
    const reply = await bob.client.emitWithAck('chat:send', { text: '안녕하세요' })
    expect(await toAnn).toEqual(reply.ok && reply.message)
  })

  it('drops NUL and bidi controls from chat text, and refuses text that was nothing else', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const toBob = nextEvent(bob.client, 'chat:message')
    // "see exe.txt" shown reversed by a right-to-left override, with a NUL and an isolate.
    const sent = await ann.client.emitWithAck('chat:send', {
      text: 'see \u202etxt.exe\u202c\u0000 \u2066ok\u2069 안녕 👩\u200d💻',
    })
    if (!sent.ok) throw new Error(sent.error.message)
    expect(sent.message.text).toBe('see txt.exe ok 안녕 👩\u200d💻')
    expect((await toBob).text).toBe(sent.message.text)
    const empty = await ann.client.emitWithAck('chat:send', { text: '\u202e\u0000 ' })
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid' } })
  })

  it('reaches every other member of the room, not the sender and not other rooms', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const cat = await joinedClient(url, { room: 'demo', nickname: 'Cat' })
    const out = await joinedClient(url, { room: 'elsewhere', nickname: 'Out' })
    let annGot = 0
    let outGot = 0
    ann.client.on('chat:message', () => annGot++)
    out.client.on('chat:message', () => outGot++)
    const atBob = nextEvent(bob.client, 'chat:message')
    const atCat = nextEvent(cat.client, 'chat:message')
    await ann.client.emitWithAck('chat:send', { text: 'all' })
    expect((await atBob).text).toBe('all')
    expect((await atCat).text).toBe('all')
    // A round trip on each socket flushes anything the server had queued for it.
    await ann.client.emitWithAck('rooms:unwatch', {})
    await out.client.emitWithAck('rooms:unwatch', {})
    expect(annGot).toBe(0)
    expect(outGot).toBe(0)
  })

  it('gives a joiner the last 100 messages, oldest first', async () => {
    const { url } = await startServer({
      rateLimits: {
        join: { burst: 10, perSecond: 1 },
        chat: { burst: 1000, perSecond: 1000 },
        signal: { burst: 10, perSecond: 1 },
        update: { burst: 10, perSecond: 1 },
      },
    })
    const ann = await joinedClient(url, { room: 'demo', nickname: 'Ann' })
    for (let i = 0; i < LIMITS.historySize + 5; i++) {
      await ann.client.emitWithAck('chat:send', { text: `m${i}` })
    }
    const bob = await joinedClient(url, { room: 'demo', nickname: 'Bob' })
    const texts = bob.joined.history.map((m) => m.text)
    expect(texts).toHaveLength(LIMITS.historySize)
    expect(texts[0]).toBe('m5')
    expect(texts.at(-1)).toBe(`m${LIMITS.historySize + 4}`)
  })

  it('refuses a message from someone in no room', async () => {
    const { url } = await startServer()
    const loner = await connectClient(url)
    expect(await loner.emitWithAck('chat:send', { text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'not_in_room' },
    })
  })
})
