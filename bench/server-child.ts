/**
 * The rendezvous server under load, alone in its own process so that its RSS and heap are its own.
 * Forked by server-load.ts; answers `stats` and `close` over IPC.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { RATE_FAMILIES, type RateFamily } from '../protocol/index.js'
import { createRendezvousServer } from '../server/index.js'
import type { FromServer, ServerStats, ToServer } from './messages.js'
import { lastToParent, serveParent, toParent } from './parent-channel.js'
import { LOOP_RESOLUTION_MS, loopDelayMs } from './util.js'

/** The bench measures the server, not its rate limiter: every family gets more than it can use. */
const GENEROUS = { burst: 1e6, perSecond: 1e6 }
const rateLimits = Object.fromEntries(RATE_FAMILIES.map((family) => [family, GENEROUS])) as Record<
  RateFamily,
  typeof GENEROUS
>

/** A per-address window of 0 points counts nothing. */
const OFF = { points: 0, seconds: 60 }

const server = createRendezvousServer({
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
  // Every bench client comes from 127.0.0.1; the per-address cap would refuse all but 20.
  maxConnectionsPerAddress: 0,
  rateLimits: { ...rateLimits, perAddress: { joins: OFF, connections: OFF, hashesAtOnce: 64 } },
})

const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
loopDelay.enable()

async function stats(): Promise<ServerStats> {
  // CPU and loop delay are read before the collection below, so they do not count its pause.
  const cpu = process.cpuUsage()
  const delay = loopDelayMs(loopDelay)
  // `gc` is defined only under --expose-gc; a full collection first makes heap figures comparable.
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const result: ServerStats = {
    memory: process.memoryUsage(),
    gcRan: gc !== undefined,
    cpu,
    loopDelay: delay,
    server: server.stats(),
  }
  // The loop notices the collection's pause only at its next tick; let that land before resetting,
  // so the next window's delay figures are the load's and not this collection's.
  await new Promise((r) => setTimeout(r, 50))
  loopDelay.reset()
  return result
}

serveParent<ToServer>(async (message) => {
  switch (message.type) {
    case 'stats':
      toParent<FromServer>({ type: 'stats', stats: await stats() })
      return
    case 'close':
      await server.close()
      lastToParent<FromServer>({ type: 'closed' })
      return
    default: {
      const _exhaustive: never = message
      throw new Error(`unknown message ${JSON.stringify(_exhaustive)}`)
    }
  }
})

const { port } = await server.listen()
toParent<FromServer>({ type: 'ready', port })
