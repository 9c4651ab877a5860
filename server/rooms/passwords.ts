/**
 * Room passwords on the way in: a password that locks a room (at creation or by room:update) is
 * LIMITS.passwordMin long at least; a guess at a locked room waits out the back-off of its room and
 * address (address-limits.ts) before it is checked; and every hash takes one of the server's few
 * hash slots, or is refused at once (hash-slots.ts).
 */
import { fail, LIMITS, type ProtocolError } from '../../protocol/index.js'
import type { ServerContext } from '../context.js'
import { BUSY } from '../security/hash-slots.js'
import { hashPassword, verifyPassword } from '../security/password.js'

export type Refusal = { ok: false; error: ProtocolError }

/** How long a request refused for want of a hash slot is told to wait. */
const BUSY_RETRY_MS = 1_000

const busy = () =>
  fail(
    'rate_limited',
    'The server is busy checking passwords; try again in a moment.',
    BUSY_RETRY_MS,
  )

const inSeconds = (ms: number) => `${Math.ceil(ms / 1000)} s`

/** The hash to lock a room with, or why not (too short, or no hash slot free). */
export async function newPasswordHash(
  ctx: ServerContext,
  password: string,
): Promise<string | Refusal> {
  if (password.length < LIMITS.passwordMin) {
    return fail('invalid', `password: must be at least ${LIMITS.passwordMin} characters`)
  }
  const hash = await ctx.hashes.run(() => hashPassword(password))
  return hash === BUSY ? busy() : hash
}

/** Checks a guess at the password of locked room `room`; null when it is right. */
export async function checkGuess(
  ctx: ServerContext,
  room: { name: string; passwordHash: string },
  address: string,
  password: string | undefined,
): Promise<Refusal | null> {
  if (password === undefined) {
    return fail('wrong_password', 'This room is locked; enter its password to join.')
  }
  const wait = await ctx.limits.mayGuess(room.name, address)
  if (!wait.ok) {
    const message = `Too many wrong passwords; wait ${inSeconds(wait.retryAfterMs)} before the next try.`
    return fail('rate_limited', message, wait.retryAfterMs)
  }
  const right = await ctx.hashes.run(() => verifyPassword(password, room.passwordHash))
  if (right === BUSY) return busy()
  if (right) {
    await ctx.limits.guessedRight(room.name, address)
    return null
  }
  const next = await ctx.limits.guessedWrong(room.name, address)
  if (next === 0) return fail('wrong_password', 'That password is not right for this room.')
  const message = `That password is not right for this room. Wait ${inSeconds(next)} before the next try.`
  return fail('wrong_password', message, next)
}
