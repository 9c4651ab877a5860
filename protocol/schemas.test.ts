import { describe, expect, it } from 'vitest'
import {
  chatSendSchema,
  describeIssue,
  joinRequestSchema,
  LIMITS,
  nicknameSchema,
  roomNameSchema,
  signalSendSchema,
} from './index.js'

describe('names', () => {
  it('trims and NFC-normalises nicknames and room names', () => {
    expect(nicknameSchema.parse('  Ann  ')).toBe('Ann')
    // "é" as e + combining acute becomes the single code point.
    expect(roomNameSchema.parse('cafe\u0301')).toBe('caf\u00e9')
  })

  it.each(['한국어 방', 'team-42', 'a.b_c d', 'Ñandú'])('accepts room name %j', (name) => {
    expect(roomNameSchema.safeParse(name).success).toBe(true)
  })

  it.each([
    '',
    ' ',
    '-lead',
    '<script>',
    'a/b',
    '../x',
    'a\nb',
    'x'.repeat(LIMITS.roomNameMax + 1),
  ])('refuses room name %j', (name) => {
    expect(roomNameSchema.safeParse(name).success).toBe(false)
  })

  it.each(['Ann 👩‍💻', '민수', 'José', 'O’Brien'])('accepts nickname %j', (name) => {
    expect(nicknameSchema.safeParse(name).success).toBe(true)
  })

  it.each([
    '',
    '   ',
    'a\u0000b',
    'bidi\u202e',
    'zero\u200bwidth',
    'no\u00a0break',
    'ideographic\u3000space',
    'x'.repeat(LIMITS.nicknameMax + 1),
  ])('refuses nickname %j', (name) => {
    expect(nicknameSchema.safeParse(name).success).toBe(false)
  })
})

describe('payloads', () => {
  it('refuses unknown keys, __proto__ included', () => {
    const polluted: unknown = JSON.parse('{"room":"a","nickname":"b","__proto__":{"x":1}}')
    expect(joinRequestSchema.safeParse(polluted).success).toBe(false)
    expect(chatSendSchema.safeParse({ text: 'hi', from: 'x' }).success).toBe(false)
  })

  it('accepts the signal payloads WebRTC produces', () => {
    const ok = (payload: unknown) => signalSendSchema.safeParse({ to: 'abc', payload }).success
    expect(ok({ description: { type: 'offer', sdp: 'v=0\r\n' } })).toBe(true)
    expect(ok({ description: { type: 'rollback' } })).toBe(true)
    expect(ok({ candidate: null })).toBe(true)
    expect(
      ok({
        candidate: {
          candidate: 'candidate:1',
          sdpMid: '0',
          sdpMLineIndex: 0,
          usernameFragment: 'u',
        },
      }),
    ).toBe(true)
    expect(ok({ candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null } })).toBe(true)
    expect(ok({ description: { type: 'offer', sdp: 'x'.repeat(LIMITS.sdpMax + 1) } })).toBe(false)
  })

  it('takes a view of whole device pixels within the limit, or null for a camera not shown', () => {
    const ok = (payload: unknown) => signalSendSchema.safeParse({ to: 'abc', payload }).success
    expect(ok({ view: { camera: { width: 628, height: 564 } } })).toBe(true)
    expect(ok({ view: { camera: null } })).toBe(true)
    expect(ok({ view: { camera: { width: 0, height: 564 } } })).toBe(false)
    expect(ok({ view: { camera: { width: 628.5, height: 564 } } })).toBe(false)
    expect(ok({ view: { camera: { width: LIMITS.viewSizeMax + 1, height: 1 } } })).toBe(false)
    expect(ok({ view: { camera: { width: 1, height: 1, depth: 1 } } })).toBe(false)
    expect(ok({ view: {} })).toBe(false)
    expect(ok({ view: { camera: null }, streams: [] })).toBe(false)
  })

  it('describes the first problem without echoing long input', () => {
    const result = joinRequestSchema.safeParse({ room: 'a', nickname: 'b', ['k'.repeat(5000)]: 1 })
    expect(result.success).toBe(false)
    if (!result.success) expect(describeIssue(result.error).length).toBeLessThanOrEqual(230)
    const short = chatSendSchema.safeParse({ text: 'x'.repeat(LIMITS.chatTextMax + 1) })
    if (!short.success)
      expect(describeIssue(short.error)).toBe('text: must be at most 2000 characters')
  })
})
