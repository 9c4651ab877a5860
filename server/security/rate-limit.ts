/** Token buckets, one per rate family, for one socket. */
import { RATE_FAMILIES, RATE_LIMITS, type RateFamily } from '../../protocol/index.js'
import type { RateLimits } from '../options.js'

interface Bucket {
  tokens: number
  updatedAt: number
}

export class RateLimiter {
  readonly #limits: RateLimits
  readonly #now: () => number
  readonly #buckets = new Map<RateFamily, Bucket>()

  constructor(
    limits: Partial<RateLimits> = RATE_LIMITS,
    now: () => number = () => performance.now(),
  ) {
    this.#limits = { ...RATE_LIMITS, ...limits }
    this.#now = now
    for (const family of RATE_FAMILIES) {
      this.#buckets.set(family, { tokens: this.#limits[family].burst, updatedAt: now() })
    }
  }

  /** Takes one token from `family`'s bucket; false when it is empty (the event is refused). */
  take(family: RateFamily): boolean {
    const bucket = this.#buckets.get(family)
    if (!bucket) return false
    const { burst, perSecond } = this.#limits[family]
    const now = this.#now()
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond)
    bucket.updatedAt = now
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}
