/**
 * The admin password is configured only as a bcrypt hash, so the plain password lives in no flag,
 * env var, config file or process list. These helpers check a password and make its hash; the
 * hash's own shape is checked with the settings (settings/values.ts).
 */
import { hash } from 'bcryptjs'

/** Cost of the hashes `hash-password` makes (about a quarter of a second in bcryptjs). */
export const HASH_COST = 12
/** bcrypt reads only this many bytes of a password; longer ones would be silently truncated. */
export const MAX_PASSWORD_BYTES = 72
export const MIN_PASSWORD_LENGTH = 8

/** Why `password` cannot be an admin password, or null when it can. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `the password must be at least ${MIN_PASSWORD_LENGTH} characters`
  }
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    return `the password must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest)`
  }
  return null
}

export function hashAdminPassword(password: string, cost = HASH_COST): Promise<string> {
  return hash(password, cost)
}
