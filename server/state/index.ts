/**
 * Where room state lives: in this process by default, in Redis with `redisUrl` (then Socket.IO's
 * Redis adapter carries broadcasts and signals between the nodes too).
 */
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { LIMITS } from '../../protocol/index.js'
import type { NoomServer } from '../context.js'
import type { ResolvedOptions } from '../options.js'
import { MemoryRoomState } from './memory.js'
import { RedisConnection } from './redis-connection.js'
import { RedisRoomState } from './redis.js'
import type { RoomState } from './types.js'

export type { RoomState } from './types.js'

/**
 * The state for these options; with Redis, also plugs the Redis adapter into `io`. `shared` tells
 * whether other nodes may share it. `state.ready()` is what /readyz asks of it. `redis` is the
 * command connection, for others that keep counts across nodes (rate limits); the state closes it.
 */
export function createRoomState(
  io: NoomServer,
  options: ResolvedOptions,
  log: Logger,
): { state: RoomState; shared: boolean; redis: Redis | null } {
  if (options.redisUrl === null) {
    const state = new MemoryRoomState({
      capacity: options.capacity,
      historySize: LIMITS.historySize,
      historyMaxChars: LIMITS.historyMaxChars,
      resumeGraceMs: options.resumeGraceMs,
    })
    return { state, shared: false, redis: null }
  }
  // Host and port only: the URL may carry a password.
  const { hostname, port } = new URL(options.redisUrl)
  log.info({ redis: `${hostname}:${port || 6379}` }, 'sharing rooms with other nodes through Redis')
  const redis = new RedisConnection(options.redisUrl, log)
  io.adapter(redis.adapter())
  const state = new RedisRoomState(redis, { resumeGraceMs: options.resumeGraceMs, log })
  return { state, shared: true, redis: redis.commands }
}
