/** The end of a run: a table of figures per size, the budget verdicts, and the JSON record. */
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { BudgetCheck } from './budgets.js'
import type { LatencySummary } from './stats.js'
import type { SizeResult } from './size-result.js'

const f = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const lat = (l: LatencySummary): string => `${f(l.p50, 2)} / ${f(l.p99, 2)} / ${f(l.max, 1)}`

/** One row per figure, one column per size. */
const ROWS: [string, (r: SizeResult) => string][] = [
  ['rooms (2–4 members)', (r) => `${r.rooms}`],
  ['connected', (r) => `${r.connect.ok}/${r.size} (${r.connect.retries} retries)`],
  ['connects/s', (r) => `${f(r.connect.perSecond)} in ${f(r.connect.seconds, 1)} s`],
  ['joined (ack ok)', (r) => `${r.join.ok}/${r.size}`],
  ['joins/s', (r) => `${f(r.join.perSecond)} in ${f(r.join.seconds, 2)} s`],
  ['talkers', (r) => `${r.steady.talkers}`],
  ['signals sent/acked/recv', (r) => relayCounts(r.steady.signal)],
  ['relay ms p50/p99/max', (r) => lat(r.steady.signal.latencyMs)],
  ['chats sent/acked/recv', (r) => relayCounts(r.steady.chat)],
  ['chat ms p50/p99/max', (r) => lat(r.steady.chat.latencyMs)],
  ['disconnects (steady)', (r) => `${r.steady.disconnects}`],
  ['server CPU % (steady)', (r) => f(r.steady.serverCpuPercent)],
  ['workers CPU % (steady)', (r) => f(r.steady.workersCpuPercent)],
  ['machine CPU % (steady, all)', (r) => f(r.steady.machineCpuPercent)],
  ['server loop delay p99/max ms', (r) => loopDelay(r)],
  ['worker loop delay p99/max ms', (r) => workerDelay(r)],
  [
    'server RSS idle/loaded MiB',
    (r) => `${f(r.server.idle.rssMiB)} / ${f(r.server.loaded.rssMiB)}`,
  ],
  ['server heap idle/loaded MiB', (r) => heap(r)],
  ['RSS per member KiB (marg.)', (r) => perMember(r, 'rss')],
  ['heap per member KiB (marg.)', (r) => perMember(r, 'heap')],
]

function relayCounts(r: SizeResult['steady']['signal']): string {
  const errors = Object.entries(r.errors).map(([code, n]) => `${code}:${n}`)
  return `${r.sent}/${r.acked}/${r.received}${errors.length ? ` [${errors.join(' ')}]` : ''}`
}
function loopDelay(r: SizeResult): string {
  const d = r.steady.serverLoopDelayMs
  return `${f(d.p99, 1)} / ${f(d.max, 1)}`
}
function workerDelay(r: SizeResult): string {
  const d = r.steady.workersLoopDelayMs
  return `${f(d.p99, 1)} / ${f(d.max, 1)}`
}
function heap(r: SizeResult): string {
  return `${f(r.server.idle.heapUsedMiB, 1)} / ${f(r.server.loaded.heapUsedMiB, 1)}`
}
function perMember(r: SizeResult, kind: 'rss' | 'heap'): string {
  const p = r.server.perMember
  return kind === 'rss'
    ? `${f(p.rssKiB, 1)} (${f(p.rssMarginalKiB, 1)})`
    : `${f(p.heapKiB, 1)} (${f(p.heapMarginalKiB, 1)})`
}

/** Pads every column to its widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n')
}

export function printReport(results: SizeResult[], checks: BudgetCheck[]): void {
  const header = ['figure', ...results.map((r) => `N = ${r.size}`)]
  console.log(
    `\n${table(
      header,
      ROWS.map(([name, cell]) => [name, ...results.map(cell)]),
    )}\n`,
  )
  const budgetRows = checks.map((c) => [
    c.budget,
    c.size === null ? '–' : `${c.size}`,
    c.measured,
    c.target,
    c.verdict,
  ])
  console.log(`${table(['budget', 'N', 'measured', 'target', 'verdict'], budgetRows)}\n`)
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemGiB: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** 1, 5 and 15 minute load averages when the run ended: other work competes for the cores. */
    loadavg: loadavg(),
  }
}

/** Writes the run to bench/results/server-load-<date>T<time>.json and returns the path. */
export async function writeResults(record: object): Promise<string> {
  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  await mkdir(dir, { recursive: true })
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-')
  const path = `${dir}server-load-${stamp}.json`
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`)
  return path
}
