/**
 * The Redis connections of one node: one for commands (room state, and the adapter's publishes) and
 * one subscriber for Socket.IO's Redis adapter. Both reconnect on their own, forever.
 *
 * Redis being away must never end the process, so: every client has an 'error' listener (an
 * EventEmitter 'error' without one throws); commands fail fast instead of queueing (no offline
 * queue, a command timeout, no replay after a reconnection, which could apply a write twice); and
 * the adapter sees the clients only through small wrappers that catch the promises it drops (it
 * publishes without handling rejections, and an unhandled rejection ends a Node process).
 */
import { createRequire } from 'node:module'
import type * as RedisAdapter from '@socket.io/redis-adapter'
import type * as IoRedis from 'ioredis'
import type { Redis, RedisOptions } from 'ioredis'
import type { Logger } from 'pino'

// Required here, not imported at the top: a server without a Redis URL never loads them (about
// 6 MiB of RSS it would otherwise carry idle; see bench/README.md "Server memory").
const require = createRequire(import.meta.url)

/** A command that takes longer than this fails; the caller falls back or answers `internal`. */
const COMMAND_TIMEOUT_MS = 1_000
const CONNECT_TIMEOUT_MS = 2_000
/** Reconnection delay grows by this per attempt, up to RETRY_MAX_MS. */
const RETRY_STEP_MS = 100
const RETRY_MAX_MS = 1_000
/** Channel prefix of the adapter's messages (default "socket.io"; ours names the app). */
const ADAPTER_KEY = 'noom-io'

export class RedisConnection {
  readonly commands: Redis
  readonly subscriber: Redis
  readonly #log: Logger
  #outage = false

  constructor(url: string, log: Logger) {
    this.#log = log
    const { Redis: Client } = require('ioredis') as typeof IoRedis
    const shared: RedisOptions = {
      // RESP2: the adapter's subscriber events and these scripts' replies are written for its shapes.
      protocol: 2,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * RETRY_STEP_MS, RETRY_MAX_MS),
    }
    this.commands = new Client(url, {
      ...shared,
      connectionName: 'noom-state',
      enableOfflineQueue: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
    })
    // Subscriptions wait for the connection (none is a request anyone waits on) and come back by
    // themselves after a reconnection.
    this.subscriber = new Client(url, {
      ...shared,
      connectionName: 'noom-adapter',
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      autoResubscribe: true,
    })
    for (const client of [this.commands, this.subscriber]) {
      client.on('error', (err: Error) => this.#lost(err))
      client.on('ready', () => this.#back())
    }
  }

  /** Both connections are up (the caller adds its own checks, e.g. a recent heartbeat). */
  ready(): boolean {
    return this.commands.status === 'ready' && this.subscriber.status === 'ready'
  }

  /** Socket.IO's Redis adapter over these connections. */
  adapter(): ReturnType<typeof RedisAdapter.createAdapter> {
    const { createAdapter } = require('@socket.io/redis-adapter') as typeof RedisAdapter
    const caught = <T>(promise: Promise<T>): Promise<T> => {
      promise.catch((err: unknown) => this.#log.debug({ err }, 'redis adapter command failed'))
      return promise
    }
    const { commands, subscriber } = this
    // Only what the adapter calls on an ioredis client (v8.3: publish, call via send_command,
    // (un)subscribe and listeners); a plain object also keeps it off its node-redis code paths.
    const pub = {
      publish: (channel: string, message: string | Buffer) =>
        caught(commands.publish(channel, message)),
      send_command: (name: string, args: string[], done: (err: unknown, reply?: unknown) => void) =>
        void commands.call(name, ...args).then((reply) => done(null, reply), done),
      on: (event: string, listener: (...args: unknown[]) => void) => commands.on(event, listener),
      off: (event: string, listener: (...args: unknown[]) => void) => commands.off(event, listener),
    }
    const sub = {
      psubscribe: (...patterns: string[]) => caught(subscriber.psubscribe(...patterns)),
      punsubscribe: (...patterns: string[]) => caught(subscriber.punsubscribe(...patterns)),
      subscribe: (channels: string[]) => caught(subscriber.subscribe(...channels)),
      unsubscribe: (channels: string[]) => caught(subscriber.unsubscribe(...channels)),
      on: (event: string, listener: (...args: unknown[]) => void) => subscriber.on(event, listener),
      off: (event: string, listener: (...args: unknown[]) => void) =>
        subscriber.off(event, listener),
    }
    return createAdapter(pub, sub, { key: ADAPTER_KEY })
  }

  /** Waits for pending replies (bounded), then closes both connections. */
  async close(): Promise<void> {
    const quit = (client: Redis) =>
      Promise.race([
        client.quit().catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, COMMAND_TIMEOUT_MS).unref()),
      ]).finally(() => client.disconnect())
    await Promise.all([quit(this.commands), quit(this.subscriber)])
  }

  #lost(err: Error): void {
    // Reconnection attempts repeat the error every second: say it once per outage.
    if (this.#outage) return this.#log.debug({ err: err.message }, 'redis still unreachable')
    this.#outage = true
    this.#log.warn({ err: err.message }, 'redis unreachable; serving this node’s members alone')
  }

  #back(): void {
    if (!this.#outage || !this.ready()) return
    this.#outage = false
    this.#log.info('redis reachable again')
  }
}
