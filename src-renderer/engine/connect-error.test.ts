import { describe, expect, it } from 'vitest'
import { connectRefusal } from './connect-error.js'

function refused(code: unknown, data?: unknown): Error {
  return Object.assign(new Error(String(code)), data === undefined ? {} : { data })
}

describe('connectRefusal', () => {
  it('reads the code and words the server put in the data', () => {
    expect(
      connectRefusal(refused('origin_not_allowed', { code: 'origin_not_allowed', message: 'No.' })),
    ).toEqual({ code: 'origin_not_allowed', message: 'No.' })
  })

  it('reads a code it does not know as a refusal without a code', () => {
    expect(connectRefusal(refused('x', { code: 'banned', message: 'Go away.' }))).toEqual({
      code: null,
      message: 'Go away.',
    })
  })

  it('falls back to the message when the data is missing or malformed', () => {
    expect(connectRefusal(refused('too_many_connections'))).toEqual({
      code: 'too_many_connections',
      message: '',
    })
    expect(connectRefusal(refused('too_many_connections', { code: 7 }))).toEqual({
      code: 'too_many_connections',
      message: '',
    })
  })

  it('finds no refusal in a transport error or in something that is not an error', () => {
    expect(connectRefusal(new Error('websocket error'))).toBeNull()
    expect(connectRefusal({ data: { code: 'origin_not_allowed', message: '' } })).toBeNull()
    expect(connectRefusal(refused('x', { code: 'a', message: 'm'.repeat(501) }))).toBeNull()
  })
})
