/**
 * The rule for a password that locks a room (a new room, or Room settings): at least
 * LIMITS.passwordMin characters, as the server enforces. Joining a locked room takes any password,
 * so rooms locked before the rule stay joinable; that check is checkPassword's.
 */
import { LIMITS } from '../../protocol/index.js'
import { checkPassword, type FieldProblem } from './validate.js'

/** An empty password means none. */
export function checkNewPassword(value: string): FieldProblem | null {
  if (value !== '' && value.length < LIMITS.passwordMin) {
    return { key: 'form.error.passwordShort', params: { min: LIMITS.passwordMin } }
  }
  return checkPassword(value)
}
