/**
 * The Cluster of ServerContext: an event reaches this node's listeners at once and, when other
 * nodes share the state, theirs through the Redis adapter (`serverSideEmit` skips the sender).
 */
import { EventEmitter } from 'node:events'
import type { Cluster, InterServerEvents, NoomServer } from '../context.js'

export function createCluster(io: NoomServer, shared: boolean): Cluster {
  const local = new EventEmitter()
  return {
    emit(event, ...args) {
      local.emit(event, ...args)
      if (shared) io.serverSideEmit(event, ...args)
    },
    on<E extends keyof InterServerEvents>(event: E, listener: InterServerEvents[E]) {
      local.on(event, listener as (...args: unknown[]) => void)
      if (shared) io.on(event, listener as never)
    },
  }
}
