/**
 * Machine-wide CPU use over an interval, from os.cpus(). Other work on the machine (another test
 * run, a browser) takes cores from the server and the clients; this figure shows when it did.
 */
import { cpus } from 'node:os'

export interface CpuSnapshot {
  busy: number
  total: number
}

export function cpuSnapshot(): CpuSnapshot {
  let busy = 0
  let total = 0
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq
    total += all
    busy += all - times.idle
  }
  return { busy, total }
}

/** CPU busy between two snapshots, in % of one core (200 % = both cores of a 2-core machine). */
export function busyPercent(from: CpuSnapshot, to: CpuSnapshot): number {
  const total = to.total - from.total
  return total > 0 ? ((to.busy - from.busy) / total) * 100 * cpus().length : NaN
}
