/**
 * The admin password is configured only as a bcrypt hash, so the plain password lives in no flag,
 * env var, config file or process list. These helpers check a hash's shape and make one.
 */
import { hash } from 'bcryptjs'

/** The lowest bcrypt cost we accept: below it a stolen hash is cheap to brute-force. */
export const MIN_BCRYPT_COST = 10
/** Cost of the hashes `hash-password` makes (about a quarter of a second in bcryptjs). */
export const HASH_COST = 12
/** bcrypt reads only this many bytes of a password; longer ones would be silently truncated. */
export const MAX_PASSWORD_BYTES = 72
export const MIN_PASSWORD_LENGTH = 8

/** How to make a hash, quoted in every refusal. */
export const HASH_HOW_TO =
  'make one with `npm run server -- hash-password` (or `noom-server hash-password`)'

const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/

/**
 * Why `value` is not an acceptable admin password hash, or null when it is. The message never
 * quotes the value: a plain password given by mistake must not reach a log.
 */
export function bcryptHashProblem(value: string): string | null {
  const match = BCRYPT_HASH.exec(value)
  if (!match) return `must be a bcrypt hash ($2b$…), not a password; ${HASH_HOW_TO}`
  const cost = Number(match[1])
  if (cost < MIN_BCRYPT_COST || cost > 31) {
    return `must be a bcrypt hash of cost ${MIN_BCRYPT_COST} to 31 (this one has cost ${cost}); ${HASH_HOW_TO}`
  }
  return null
}

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
