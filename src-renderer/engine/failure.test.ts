import { describe, expect, it } from 'vitest'
import { toFailure, toRenameFailure } from './failure.js'
import { SignalingError, type SignalingErrorCode } from './signaling.js'
import type { CallFailureCode } from './types.js'

// Every SignalingError code and what the call shows for it; `satisfies` keeps the table complete.
const FAILURES = {
  wrong_password: 'wrong_password',
  room_full: 'room_full',
  invalid: 'invalid',
  rate_limited: 'rate_limited',
  unreachable: 'unreachable',
  refused: 'refused',
  replaced: 'replaced',
  denied: 'denied',
  knock_timeout: 'knock_timeout',
  room_closed: 'room_closed',
  forbidden: 'forbidden',
  nickname_taken: 'nickname_taken',
  timeout: 'unreachable',
  not_in_room: 'internal',
  unknown_peer: 'internal',
  cancelled: 'internal',
  stale: 'internal',
  sfu_unavailable: 'internal',
  internal: 'internal',
} as const satisfies Record<SignalingErrorCode, CallFailureCode>

const RENAMES = {
  invalid: 'invalid',
  rate_limited: 'rate_limited',
  unreachable: 'offline',
  timeout: 'offline',
  not_in_room: 'offline',
  replaced: 'offline',
  cancelled: 'offline',
  nickname_taken: 'taken',
  denied: 'refused',
  knock_timeout: 'refused',
  room_closed: 'refused',
  forbidden: 'refused',
  wrong_password: 'refused',
  room_full: 'refused',
  unknown_peer: 'refused',
  refused: 'refused',
  stale: 'refused',
  sfu_unavailable: 'refused',
  internal: 'refused',
} as const satisfies Record<SignalingErrorCode, string>

describe('toFailure', () => {
  it.each(Object.entries(FAILURES))('maps %s to %s, keeping the words', (code, expected) => {
    const failure = toFailure(new SignalingError(code as SignalingErrorCode, `said ${code}`))
    expect(failure).toEqual({ code: expected, detail: `said ${code}` })
  })

  it('keeps how long the server said to wait', () => {
    for (const code of ['rate_limited', 'wrong_password'] as const) {
      expect(toFailure(new SignalingError(code, 'wait', 4000))).toEqual({
        code,
        detail: 'wait',
        retryAfterMs: 4000,
      })
    }
  })

  it('maps anything that is not a SignalingError to internal, without words', () => {
    expect(toFailure(new Error('TypeError: x is undefined'))).toEqual({ code: 'internal' })
  })
})

describe('toRenameFailure', () => {
  it.each(Object.entries(RENAMES))('maps %s to %s', (code, expected) => {
    expect(toRenameFailure(new SignalingError(code as SignalingErrorCode, 'why'))).toEqual({
      code: expected,
      detail: 'why',
    })
  })
})
