/**
 * Limits per client address that a reconnect does not reset: new connections, fresh joins and
 * knocks per address, and wrong passwords per room and address with a growing wait. Counted by
 * rate-limiter-flexible: in this process, or with Redis in the state's connection, so every node
 * counts together (while Redis is away, each node counts alone in memory rather than not at all).
 */
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { AddressLimits as Limits, RateWindow } from '../../protocol/index.js'
import { limitKey } from './client-address.js'
import {
  RateLimiterMemory,
  RateLimiterRes,
  redisLimiter,
  type RateLimiterAbstract,
} from './rate-limiters.js'

/** Allowed, or refused with how long to wait. */
export type Verdict = { ok: true } | { ok: false; retryAfterMs: number }
const ALLOWED: Verdict = { ok: true }
const KEY_PREFIX = 'noom:limit:'
/** The password wait is a block on a limiter of one point (only `block` and `get` are used). */
const WAIT_POINTS = 1

type Window = 'connections' | 'joins' | 'knocks'

export class AddressLimiter {
  readonly #log: Logger
  readonly #windows: Record<Window, RateLimiterAbstract | null>
  readonly #passwords: Limits['passwords']
  /** Wrong guesses per room and address, forgotten `forgetSeconds` after the first. */
  readonly #fails: RateLimiterAbstract
  /** Blocked while a guess must wait. */
  readonly #wait: RateLimiterAbstract

  constructor(limits: Limits, redis: Redis | null, log: Logger) {
    this.#log = log
    const make = (name: string, window: RateWindow) => limiter(name, window, redis)
    this.#windows = {
      connections: on(limits.connections) ? make('connections', limits.connections) : null,
      joins: on(limits.joins) ? make('joins', limits.joins) : null,
      knocks: on(limits.knocks) ? make('knocks', limits.knocks) : null,
    }
    this.#passwords = limits.passwords
    const forget = limits.passwords.forgetSeconds
    this.#fails = make('password-fails', { points: Number.MAX_SAFE_INTEGER, seconds: forget })
    this.#wait = make('password-wait', { points: WAIT_POINTS, seconds: 1 })
  }

  /** Counts one event of `window` from `address`; refused once its window is used up. */
  async take(window: Window, address: string): Promise<Verdict> {
    const limiter = this.#windows[window]
    if (!limiter) return ALLOWED
    try {
      await limiter.consume(limitKey(address))
      return ALLOWED
    } catch (err) {
      if (err instanceof RateLimiterRes) return { ok: false, retryAfterMs: err.msBeforeNext }
      // Neither Redis nor the stand-in answered: serve rather than refuse everyone.
      this.#log.warn({ err, window }, 'rate limit not counted')
      return ALLOWED
    }
  }

  /** Whether a password guess for `room` from `address` may be checked now. */
  async mayGuess(room: string, address: string): Promise<Verdict> {
    const blocked = await this.#quietly(this.#wait.get(passwordKey(room, address)))
    if (blocked && blocked.consumedPoints > WAIT_POINTS) {
      return { ok: false, retryAfterMs: blocked.msBeforeNext }
    }
    return ALLOWED
  }

  /** Counts a wrong guess; returns how long the next guess must wait, in ms (0: none). */
  async guessedWrong(room: string, address: string): Promise<number> {
    const key = passwordKey(room, address)
    const counted = await this.#quietly(this.#fails.penalty(key))
    const { free, firstWaitSeconds, maxWaitSeconds } = this.#passwords
    const beyond = (counted?.consumedPoints ?? 0) - free
    if (beyond <= 0) return 0
    const seconds = Math.min(firstWaitSeconds * 2 ** (beyond - 1), maxWaitSeconds)
    await this.#quietly(this.#wait.block(key, seconds))
    return seconds * 1000
  }

  /** The right password: the wrong guesses before it are forgotten. */
  async guessedRight(room: string, address: string): Promise<void> {
    const key = passwordKey(room, address)
    await Promise.all([
      this.#quietly(this.#fails.delete(key)),
      this.#quietly(this.#wait.delete(key)),
    ])
  }

  /** A store that fails (both Redis and its stand-in) is logged, and counts as nothing. */
  async #quietly<T>(work: Promise<T>): Promise<T | null> {
    try {
      return await work
    } catch (err) {
      this.#log.warn({ err }, 'password limit not counted')
      return null
    }
  }
}

const on = (window: RateWindow) => window.points > 0

function passwordKey(room: string, address: string): string {
  return JSON.stringify([room, limitKey(address)])
}

function limiter(name: string, window: RateWindow, redis: Redis | null): RateLimiterAbstract {
  const options = {
    keyPrefix: `${KEY_PREFIX}${name}`,
    points: window.points,
    duration: window.seconds,
  }
  const memory = new RateLimiterMemory(options)
  if (!redis) return memory
  return redisLimiter({ ...options, storeClient: redis, insuranceLimiter: memory })
}
