import { describe, expect, it } from 'vitest'
import { ackSchema, chatSendResultSchema, emptySchema, roomsWatchResultSchema } from './index.js'

const message = { id: 'm1', from: 'a', nickname: 'Ann', text: 'hi', ts: 1 }

describe('ackSchema', () => {
  it('reads a success with its result, and a refusal with its code and message', () => {
    const chat = ackSchema(chatSendResultSchema)
    expect(chat.parse({ ok: true, message })).toEqual({ ok: true, message })
    expect(chat.parse({ ok: false, error: { code: 'rate_limited', message: 'Slow.' } })).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'Slow.' },
    })
  })

  it('reads a code it does not know as internal, keeping the words, cut short', () => {
    const ack = ackSchema(emptySchema).parse({
      ok: false,
      error: { code: 'from_the_future', message: 'x'.repeat(10_000) },
    })
    expect(ack.ok).toBe(false)
    if (ack.ok) return
    expect(ack.error.code).toBe('internal')
    expect(ack.error.message).toHaveLength(500)
  })

  it.each([
    ['no ok', { message }],
    ['ok as a string', { ok: 'true', message }],
    ['a success without its result', { ok: true }],
    ['an extra key', { ok: true, message, admin: true }],
    ['a refusal without an error', { ok: false }],
    ['an error without a message', { ok: false, error: { code: 'invalid' } }],
    ['not an object', 'ok'],
    ['null', null],
  ])('refuses %s', (_name, raw) => {
    expect(ackSchema(chatSendResultSchema).safeParse(raw).success).toBe(false)
  })

  it('holds rooms:watch to the room list limits', () => {
    const room = { name: 'demo', participants: 1, capacity: 8, locked: false, admission: 'open' }
    const watch = ackSchema(roomsWatchResultSchema)
    expect(watch.safeParse({ ok: true, rooms: [room] }).success).toBe(true)
    expect(watch.safeParse({ ok: true, rooms: [{ ...room, name: '<b>x</b>' }] }).success).toBe(
      false,
    )
    expect(watch.safeParse({ ok: true, rooms: Array(201).fill(room) }).success).toBe(false)
  })
})
