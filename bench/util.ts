/** Small helpers the bench's processes share. */
import type { IntervalHistogram } from 'node:perf_hooks'

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Runs `task` over `items` with at most `limit` in flight; resolves when all have settled. */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T
      await task(item)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
}

/** Adds one to `counts[key]`. */
export function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1
}

/** Milliseconds between two process.hrtime.bigint() readings. */
export function elapsedMs(fromNs: bigint, toNs: bigint): number {
  return Number(toNs - fromNs) / 1e6
}

/** Sampling interval of the event-loop delay monitors. */
export const LOOP_RESOLUTION_MS = 10

/**
 * p50/p99/max of an event-loop delay histogram, in ms. The histogram records the gap between its
 * timer's ticks, so the sampling interval itself is taken off: an idle loop reads about 0.
 */
export function loopDelayMs(h: IntervalHistogram): { p50: number; p99: number; max: number } {
  const delay = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS)
  return { p50: delay(h.percentile(50)), p99: delay(h.percentile(99)), max: delay(h.max) }
}
