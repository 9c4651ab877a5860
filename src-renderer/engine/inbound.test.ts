import { describe, expect, it, vi } from 'vitest'
import type { JoinResult, Participant } from '../../protocol/index.js'
import { Inbound } from './inbound.js'

const ann: Participant = {
  id: 'ann',
  nickname: 'Ann',
  media: { audio: true, video: true, screen: false },
  role: 'host',
}

function joinAck(over: Partial<JoinResult> = {}): unknown {
  return {
    ok: true,
    self: ann,
    token: 'token.1',
    peers: [],
    history: [],
    iceServers: [],
    capacity: 8,
    room: {
      name: 'demo',
      participants: 1,
      capacity: 8,
      locked: false,
      admission: 'open',
      visibility: 'public',
    },
    ...over,
  }
}

describe('Inbound warm-up', () => {
  it('parses its shaped samples without a word, and decodes as before after them', () => {
    const warn = vi.fn()
    const inbound = new Inbound(warn)
    inbound.warm()
    expect(warn).not.toHaveBeenCalled()
    expect(inbound.event('peer:joined', ann)).toEqual(ann)
    expect(inbound.ack('room:join', joinAck({ peers: [ann, {} as Participant] }))).toMatchObject({
      peers: [ann],
    })
    // A malformed entry is still left out and reported once, as without the warm-up.
    expect(warn).toHaveBeenCalledOnce()
    expect(warn.mock.calls[0]?.[0]).toContain('1 malformed entries')
  })
})

describe('Inbound events', () => {
  it('passes a valid payload through as parsed (names trimmed as the schema does)', () => {
    const inbound = new Inbound(vi.fn())
    expect(inbound.event('peer:joined', { ...ann, nickname: '  Ann ' })).toEqual(ann)
    expect(inbound.event('peer:left', { id: 'ann', reason: 'left' })).toEqual({
      id: 'ann',
      reason: 'left',
    })
  })

  it.each([
    ['a wrong type', 'peer:joined', { ...ann, media: 'on' }],
    ['an extra key', 'peer:updated', { ...ann, admin: true }],
    ['a huge name', 'peer:joined', { ...ann, nickname: 'A'.repeat(100_000) }],
    ['an id that is not one', 'peer:left', { id: '../../etc', reason: 'left' }],
    [
      'chat text past the limit',
      'chat:message',
      { id: 'm', from: 'ann', nickname: 'Ann', text: 'x'.repeat(2001), ts: 1 },
    ],
    ['a signal that is not one', 'signal', { from: 'ann', payload: { script: 'alert(1)' } }],
    ['an unknown notice', 'server:notice', { kind: 'takeover', message: 'hi' }],
    ['nothing', 'peer:joined', undefined],
  ] as const)('drops %s', (_what, event, raw) => {
    expect(new Inbound(vi.fn()).event(event, raw)).toBeNull()
  })

  it('warns once per event name, however many are dropped', () => {
    const warn = vi.fn()
    const inbound = new Inbound(warn)
    for (let i = 0; i < 50; i++) inbound.event('peer:joined', { id: i })
    inbound.event('peer:left', null)
    expect(warn).toHaveBeenCalledTimes(2)
    expect(warn.mock.calls[0]?.[0]).toContain('"peer:joined"')
    expect(warn.mock.calls[1]?.[0]).toContain('"peer:left"')
  })

  it('cuts what it quotes of a bad payload short', () => {
    const warn = vi.fn()
    new Inbound(warn).event('peer:joined', { ...ann, ['k'.repeat(5000)]: 1 })
    expect(String(warn.mock.calls[0]?.[0]).length).toBeLessThan(400)
  })
})

describe('Inbound acks', () => {
  it('reads a refusal with its code, and garbage as nothing', () => {
    const inbound = new Inbound(vi.fn())
    expect(
      inbound.ack('signal:send', { ok: false, error: { code: 'unknown_peer', message: 'Who?' } }),
    ).toEqual({
      ok: false,
      error: { code: 'unknown_peer', message: 'Who?' },
    })
    expect(inbound.ack('signal:send', { ok: true })).toEqual({ ok: true })
    expect(inbound.ack('signal:send', 'yes')).toBeNull()
    expect(inbound.ack('chat:send', { ok: true })).toBeNull()
    expect(inbound.ack('media:update', { ok: true, media: 'on' })).toBeNull()
  })

  it('keeps the valid peers, history and ICE servers of a join ack and leaves the rest out', () => {
    const warn = vi.fn()
    const ack = new Inbound(warn).ack(
      'room:join',
      joinAck({
        peers: [
          { ...ann, id: 'bo', nickname: 'Bo' },
          { id: 'x', nickname: '', media: ann.media, role: 'member' },
          { ...ann, id: 'cy', nickname: '<b>Cy</b>' },
        ],
        history: [{ id: 'm', from: 'bo', nickname: 'Bo', text: 'hi', ts: -5 }],
        iceServers: [{ urls: 'stun:stun.example.org' }, { urls: 'javascript:alert(1)' }],
      }),
    )
    expect(ack?.ok).toBe(true)
    if (!ack?.ok) return
    expect(ack.peers.map((p) => p.nickname)).toEqual(['Bo', '<b>Cy</b>'])
    expect(ack.history).toEqual([])
    expect(ack.iceServers).toEqual([{ urls: 'stun:stun.example.org' }])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toContain('3 malformed entries left out')
  })

  it('drops a join ack whose own seat is malformed', () => {
    expect(new Inbound(vi.fn()).ack('room:join', joinAck({ self: { ...ann, id: '' } }))).toBeNull()
    expect(new Inbound(vi.fn()).ack('room:join', joinAck({ token: 'has spaces' }))).toBeNull()
  })
})
