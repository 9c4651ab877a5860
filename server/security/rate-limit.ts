/**
 * Limits per connection and rate family (RATE_LIMITS), so that a flood of chat or signals from one
 * socket is refused while its other families, and other sockets, go on: `burst` events per window
 * of burst / perSecond seconds, counted by rate-limiter-flexible in this process and keyed by
 * socket. What a reconnect must not reset is counted per address instead (address-limits.ts).
 */
import { RATE_FAMILIES, type RateFamily } from '../../protocol/index.js'
import type { RateLimits } from '../options.js'
import { RateLimiterMemory, RateLimiterRes } from './rate-limiters.js'

/** One connection's share: takes one event of `family`, false when it is refused. */
export interface SocketLimiter {
  take(family: RateFamily): Promise<boolean>
}

export class SocketRateLimits {
  readonly #limiters: ReadonlyMap<RateFamily, RateLimiterMemory>

  constructor(limits: RateLimits) {
    const limiters = RATE_FAMILIES.map((family) => {
      const { burst, perSecond } = limits[family]
      // A duration of 0 is a window that never ends: no refill at all.
      const duration = perSecond > 0 ? burst / perSecond : 0
      return [
        family,
        new RateLimiterMemory({ keyPrefix: family, points: burst, duration }),
      ] as const
    })
    this.#limiters = new Map(limiters)
  }

  /** The limiter of connection `id`. */
  for(id: string): SocketLimiter {
    return { take: (family) => this.#take(family, id) }
  }

  /** Forgets a closed connection's counts. */
  forget(id: string): void {
    for (const limiter of this.#limiters.values()) void limiter.delete(id)
  }

  async #take(family: RateFamily, id: string): Promise<boolean> {
    const limiter = this.#limiters.get(family)
    if (!limiter) return false
    try {
      await limiter.consume(id)
      return true
    } catch (err) {
      if (err instanceof RateLimiterRes) return false
      throw err
    }
  }
}
