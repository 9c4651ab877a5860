import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../protocol/index.js'
import { checkNewPassword } from './new-password.js'

describe('checkNewPassword', () => {
  it('asks for LIMITS.passwordMin characters, takes none, and still limits the length', () => {
    expect(checkNewPassword('x'.repeat(LIMITS.passwordMin - 1))).toEqual({
      key: 'form.error.passwordShort',
      params: { min: LIMITS.passwordMin },
    })
    expect(checkNewPassword('x'.repeat(LIMITS.passwordMin))).toBeNull()
    expect(checkNewPassword('')).toBeNull()
    expect(checkNewPassword('x'.repeat(LIMITS.passwordMax + 1))?.key).toBe('form.error.tooLong')
  })
})
