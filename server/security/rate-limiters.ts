/**
 * The rate-limiter-flexible classes we use, each required from its own file: the package's index
 * requires every store it has (Mongo, MySQL, Postgres, DynamoDB, etcd, …), which costs the server
 * several MiB of RSS for code it never runs (see bench/README.md "Server memory"). The package has
 * no "exports" map, so its files are reachable; their types are the index's.
 */
import { createRequire } from 'node:module'
import type * as Flexible from 'rate-limiter-flexible'

export type { RateLimiterAbstract } from 'rate-limiter-flexible'

const require = createRequire(import.meta.url)

export const RateLimiterMemory =
  require('rate-limiter-flexible/lib/RateLimiterMemory.js') as typeof Flexible.RateLimiterMemory
export type RateLimiterMemory = Flexible.RateLimiterMemory

/** What a refused `consume` rejects with (the same class the limiters' own files use). */
export const RateLimiterRes =
  require('rate-limiter-flexible/lib/RateLimiterRes.js') as typeof Flexible.RateLimiterRes
export type RateLimiterRes = Flexible.RateLimiterRes

/** The Redis store, required on first use: a server without Redis never loads it. */
export function redisLimiter(
  options: ConstructorParameters<typeof Flexible.RateLimiterRedis>[0],
): Flexible.RateLimiterRedis {
  const RateLimiterRedis =
    require('rate-limiter-flexible/lib/RateLimiterRedis.js') as typeof Flexible.RateLimiterRedis
  return new RateLimiterRedis(options)
}
