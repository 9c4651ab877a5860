import { afterEach, describe, expect, it, vi } from 'vitest'
import { RATE_LIMITS, type MediaState } from '../../protocol/index.js'
import {
  Rendezvous,
  closeAll,
  nextEvent,
  rawMember,
  record,
  testEngine,
  type ClientSocket,
} from './test-kit.node.js'
import type { CallFailure, JoinOptions } from './types.js'

afterEach(closeAll)

const ON: MediaState = { audio: true, video: true, screen: false }

function join(
  url: string,
  over: Partial<JoinOptions> = {},
  options: Parameters<typeof testEngine>[1] = {},
) {
  const member = testEngine(url, options)
  const done = member.engine.join({ server: url, room: 'demo', nickname: 'Ann', ...over }, ON)
  return { ...member, done }
}

/** Rate limits with room for `burst` events of one family. */
function tight(family: keyof typeof RATE_LIMITS, burst: number) {
  return { ...RATE_LIMITS, [family]: { burst, perSecond: 0.001 } }
}

describe('CallEngine: what the server refuses, and how the call says it', () => {
  it.each<
    [string, () => Promise<{ url: string; over?: Partial<JoinOptions> }>, CallFailure['code']]
  >([
    [
      'a wrong password',
      async () => {
        const server = await Rendezvous.start()
        await rawMember(server.url, { room: 'demo', nickname: 'Bo', password: 'right-one' })
        return { url: server.url, over: { password: 'wrong' } }
      },
      'wrong_password',
    ],
    [
      'a full room',
      async () => {
        const server = await Rendezvous.start({ capacity: 2 })
        await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
        await rawMember(server.url, { room: 'demo', nickname: 'Cy' })
        return { url: server.url }
      },
      'room_full',
    ],
    [
      'a room name that is not one',
      async () => ({ url: (await Rendezvous.start()).url, over: { room: '../etc' } }),
      'invalid',
    ],
    [
      'too many joins',
      async () => ({ url: (await Rendezvous.start({ rateLimits: tight('join', 0) })).url }),
      'rate_limited',
    ],
    [
      'nothing listening',
      async () => {
        const server = await Rendezvous.start()
        await server.stop()
        return { url: server.url }
      },
      'unreachable',
    ],
  ])('fails to join on %s', async (_what, setup, code) => {
    const { url, over } = await setup()
    const { engine, done } = join(url, over)
    const ended = nextEvent(engine, 'phase', (phase) => phase === 'ended')
    const failure = await done
    expect(failure?.code).toBe(code)
    expect((await ended)[1]).toEqual(failure)
  })

  it('says how long to wait when this address has used its joins, on any new connection', async () => {
    const perAddress = { joins: { points: 1, seconds: 60 } }
    const server = await Rendezvous.start({ rateLimits: { perAddress } })
    await rawMember(server.url, { room: 'other', nickname: 'Bo' })
    const failure = await join(server.url).done
    expect(failure).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: expect.any(Number) as number,
    })
    expect(failure?.retryAfterMs).toBeGreaterThan(0)
  })

  it('fails as refused when the server does not allow our origin', async () => {
    const server = await Rendezvous.start({ allowedOrigins: ['https://friends.example'] })
    const { done } = join(server.url, {}, { extraHeaders: { origin: 'https://evil.example' } })
    expect((await done)?.code).toBe('refused')
  })

  it('ends as replaced when our seat is resumed from another device', async () => {
    const server = await Rendezvous.start()
    const { engine, signaling, done } = join(server.url)
    expect(await done).toBeNull()
    const ended = nextEvent(engine, 'phase', (phase) => phase === 'ended')
    const token = signaling.lastJoin?.token ?? ''
    await rawMember(server.url, { room: 'demo', nickname: 'Ann', resume: token })
    expect((await ended)[1]?.code).toBe('replaced')
  })
})

describe('CallEngine: sends nobody waits for', () => {
  it('counts a signal to a member who left, and logs only the first', async () => {
    const server = await Rendezvous.start()
    const warn = vi.fn()
    const ann = join(server.url, {}, { warn })
    expect(await ann.done).toBeNull()
    const arrived = nextEvent(ann.engine, 'presence')
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    await arrived
    const remote = ann.made[0]
    const gone = nextEvent(ann.engine, 'presence')
    await bo.client.emitWithAck('room:leave', {})
    await gone

    const first = nextEvent(ann.engine, 'send-failed')
    remote?.options.send(bo.joined.self.id, { candidate: null })
    expect(await first).toEqual(['signal', { signal: 1, media: 0, bitrate: 0 }])
    const second = nextEvent(ann.engine, 'send-failed')
    remote?.options.send(bo.joined.self.id, { candidate: null })
    await second
    expect(ann.engine.sendFailures).toEqual({ signal: 2, media: 0, bitrate: 0 })
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]?.[0]).toMatch(/signal.*failed/)
  })

  it('counts a media update sent while disconnected', async () => {
    const server = await Rendezvous.start()
    const ann = join(server.url)
    expect(await ann.done).toBeNull()
    const lost = nextEvent(ann.engine, 'phase', (phase) => phase === 'reconnecting')
    await server.stop()
    await lost
    const failed = nextEvent(ann.engine, 'send-failed')
    ann.engine.setMedia({ audio: false, video: true, screen: false })
    expect(await failed).toEqual(['media', { signal: 0, media: 1, bitrate: 0 }])
  })
})

describe('CallEngine.rename', () => {
  async function pair(options: Parameters<typeof Rendezvous.start>[0] = {}) {
    const server = await Rendezvous.start(options)
    const ann = join(server.url)
    expect(await ann.done).toBeNull()
    const bo = await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    return { ann, bo }
  }

  function nextUpdate(client: ClientSocket) {
    return new Promise((resolve) => client.once('peer:updated', resolve))
  }

  it('takes the new name at once, and the other member sees it through peer:updated', async () => {
    const { ann, bo } = await pair()
    const updated = nextUpdate(bo.client)
    const changed = nextEvent(ann.engine, 'change')
    expect(await ann.engine.rename('  Annie ')).toEqual({ ok: true, nickname: 'Annie' })
    await changed
    expect(ann.engine.self).toMatchObject({ nickname: 'Annie', media: ON })
    expect(await updated).toEqual({
      id: ann.engine.self?.id,
      nickname: 'Annie',
      media: ON,
      role: 'host',
    })
  })

  it('refuses a name the schema refuses without asking the server', async () => {
    const { ann, bo } = await pair()
    const updates = record(bo.client, 'peer:updated')
    for (const name of ['   ', 'A'.repeat(33), 'bad\u202ename']) {
      const result = await ann.engine.rename(name)
      expect(result).toMatchObject({ ok: false, failure: { code: 'invalid' } })
    }
    // A rename that does go out arrives after any that went before it.
    const updated = nextUpdate(bo.client)
    await ann.engine.rename('Annie')
    await updated
    expect(updates.map((p) => p.nickname)).toEqual(['Annie'])
  })

  it('reports the server refusing a rename, and keeps the old name', async () => {
    // One update for the media state sent on joining, one for the ICE servers Ann asks for when
    // Bo arrives (she was alone, so she holds no TURN credentials), one for the first rename.
    const { ann } = await pair({ rateLimits: tight('update', 3) })
    expect(await ann.engine.rename('Annie')).toMatchObject({ ok: true })
    expect(await ann.engine.rename('Ann again')).toMatchObject({
      ok: false,
      failure: { code: 'rate_limited' },
    })
    expect(ann.engine.self?.nickname).toBe('Annie')
  })
})
