/** The call-setup bench's summaries, budget verdicts (DESIGN.md "Budgets"), tables and JSON record. */
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { MuteSamples, SetupRun } from './call-setup-app.js'
import type { BaselineRun } from './call-setup-baseline.js'
import type { BytesResult, ColdStart } from './call-setup-load.js'
import { table } from './report.js'

export const RATIO_BUDGET = 1.5
export const BYTES_BUDGET_KB = 250
/** KB here is 1,024 bytes: the stricter reading of the budget. */
export const KB = 1024
export const LOBBY_BUDGET_MS = 500
export const MUTE_BUDGET_MS = 1000

export type Verdict = 'PASS' | 'FAIL' | 'SKIP' | 'INFO'

export interface Summary {
  n: number
  median: number
  p90: number
  min: number
  max: number
}

/** Nearest-rank percentile of sorted values. */
function rank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!
}

export function summary(values: readonly (number | null | undefined)[]): Summary {
  const sorted = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: rank(sorted, 50),
    p90: rank(sorted, 90),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  }
}

export interface Results {
  baseline: BaselineRun[]
  two: SetupRun[]
  four: SetupRun[]
  mutes: MuteSamples[]
  bytes: BytesResult | null
  cold: ColdStart[]
}

export interface BudgetCheck {
  budget: string
  measured: string
  target: string
  verdict: Verdict
}

const f = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const ms = (s: Summary): string => `${f(s.median)} ms (p90 ${f(s.p90)})`

export function checkBudgets(r: Results): BudgetCheck[] {
  const base = summary(r.baseline.map((x) => x.bothSides))
  const two = summary(r.two.map((x) => x.allSides))
  const four = summary(r.four.map((x) => x.allSides))
  const ratio = two.median / base.median
  const ratio4 = four.median / base.median
  const cold = summary(r.cold.map((x) => x.interactive))
  const mute = summary(r.mutes.flatMap((m) => m.mute))
  const missed = r.mutes.reduce((n, m) => n + m.missed, 0)
  const kb = r.bytes ? r.bytes.total / KB : NaN
  const judged = (ok: boolean, has: boolean): Verdict => (!has ? 'SKIP' : ok ? 'PASS' : 'FAIL')
  return [
    {
      budget: 'call set-up, 2 members ÷ bare WebRTC',
      measured: `${f(ratio, 2)}× (${f(two.median)} ÷ ${f(base.median)} ms medians)`,
      target: `≤ ${RATIO_BUDGET}×`,
      verdict: judged(ratio <= RATIO_BUDGET, Number.isFinite(ratio)),
    },
    {
      budget: 'call set-up, 4 members ÷ bare WebRTC',
      measured: `${f(ratio4, 2)}× (${f(four.median)} ÷ ${f(base.median)} ms medians)`,
      target: 'no budget',
      verdict: Number.isFinite(ratio4) ? 'INFO' : 'SKIP',
    },
    {
      budget: 'downloaded to reach a call',
      measured: `${f(kb, 1)} KB (${r.bytes?.total ?? '–'} bytes)`,
      target: `≤ ${BYTES_BUDGET_KB} KB gzipped`,
      verdict: judged(kb <= BYTES_BUDGET_KB, r.bytes?.ok === true),
    },
    {
      budget: 'lobby interactive, cold (median)',
      measured: ms(cold),
      target: `< ${LOBBY_BUDGET_MS} ms`,
      verdict: judged(cold.median < LOBBY_BUDGET_MS, cold.n > 0),
    },
    {
      budget: 'mute mark reaches the other (max)',
      measured: `max ${f(mute.max)} ms, median ${f(mute.median)} ms${missed ? `, ${missed} missed` : ''}`,
      target: `< ${MUTE_BUDGET_MS} ms`,
      verdict: judged(mute.max < MUTE_BUDGET_MS && missed === 0, mute.n > 0),
    },
  ]
}

/** One figure's row; `of` is how many runs there were (null for a count of samples). */
function row(
  label: string,
  values: readonly (number | null | undefined)[],
  of: number | null,
): string[] {
  const s = summary(values)
  return [label, f(s.median), f(s.p90), f(s.min), f(s.max), of === null ? `${s.n}` : `${s.n}/${of}`]
}

export function printReport(r: Results): void {
  const b = r.baseline
  const setup = [
    row(
      'bare WebRTC: start → frames both sides',
      b.map((x) => x.bothSides),
      b.length,
    ),
    row(
      '  newcomer sees the other',
      b.map((x) => x.newcomerSees),
      b.length,
    ),
    row(
      '  the other sees the newcomer',
      b.map((x) => x.existingSees),
      b.length,
    ),
    row(
      '  relay: hello',
      b.map((x) => x.phases.hello),
      b.length,
    ),
    row(
      '  relay: offer',
      b.map((x) => x.phases.offer),
      b.length,
    ),
    row(
      '  relay: answer',
      b.map((x) => x.phases.answer),
      b.length,
    ),
    ...setupRows('app, 2 members', r.two),
    ...setupRows('app, 4 members', r.four),
    row(
      'mute: click → mark on the other',
      r.mutes.flatMap((m) => m.mute),
      null,
    ),
    row(
      'unmute: click → mark gone',
      r.mutes.flatMap((m) => m.unmute),
      null,
    ),
  ]
  const header = ['figure (ms)', 'median', 'p90', 'min', 'max', 'runs ok']
  console.log(`\n${table(header, setup)}\n`)

  const c = r.cold
  const pick = (k: keyof NonNullable<ColdStart['breakdown']>) => c.map((x) => x.breakdown?.[k])
  const cold = [
    row(
      'lobby interactive (navigation start →)',
      c.map((x) => x.interactive),
      c.length,
    ),
    row(
      '  page.goto called →',
      c.map((x) => x.fromGoto),
      c.length,
    ),
    row('  HTML received', pick('htmlResponseEnd'), c.length),
    row('  script requested', pick('scriptFetchStart'), c.length),
    row('  script received', pick('scriptResponseEnd'), c.length),
    row('  DOMContentLoaded (app mounted)', pick('domContentLoaded'), c.length),
    row('  first contentful paint', pick('firstContentfulPaint'), c.length),
    row('  name field ready', pick('fieldAt'), c.length),
    row(
      '  server: connection accepted',
      c.map((x) => x.server.connected),
      c.length,
    ),
    row(
      '  server: rooms:watch received',
      c.map((x) => x.server.watchReceived),
      c.length,
    ),
    row('  room list connected', pick('connectedAt'), c.length),
  ]
  console.log(`${table(['cold start (ms)', 'median', 'p90', 'min', 'max', 'runs ok'], cold)}\n`)

  if (r.bytes) {
    const rows = r.bytes.downloads.map((d) => [
      new URL(d.url).pathname,
      d.type,
      d.encoding,
      `${d.transfer}`,
      `${d.decoded}`,
    ])
    rows.push(['total', '', '', `${r.bytes.total}`, `${r.bytes.totalDecoded}`])
    console.log(`${table(['download', 'type', 'encoding', 'bytes', 'decoded'], rows)}`)
    console.log(
      `(Resource Timing transferSize sum in the page: ${r.bytes.resourceTiming ?? '–'})\n`,
    )
  }
}

export function printBudgets(checks: BudgetCheck[]): void {
  const verdicts = checks.map((x) => [x.budget, x.measured, x.target, x.verdict])
  console.log(`${table(['budget', 'measured', 'target', 'verdict'], verdicts)}\n`)
}

function setupRows(label: string, runs: readonly SetupRun[]): string[][] {
  const n = runs.length
  const phase = (k: keyof Omit<NonNullable<SetupRun['server']>, 'signals'>) =>
    runs.map((x) => (x.ok ? x.server?.[k] : null))
  return [
    row(
      `${label}: Join → frames on all pages`,
      runs.map((x) => x.allSides),
      n,
    ),
    row(
      '  joiner sees everyone',
      runs.map((x) => x.joinerSees),
      n,
    ),
    row(
      '  everyone sees the joiner',
      runs.map((x) => x.othersSee),
      n,
    ),
    row('  server: joiner connected', phase('connected'), n),
    row('  server: room:join received', phase('joinReceived'), n),
    row('  server: peer:joined sent', phase('peerJoinedSent'), n),
    row('  server: first offer received', phase('offerReceived'), n),
    row('  server: first answer received', phase('answerReceived'), n),
  ]
}

/** Writes the run to bench/results/call-setup-<date>T<time>.json and returns the path. */
export async function writeResults(record: object): Promise<string> {
  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  await mkdir(dir, { recursive: true })
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-')
  const path = `${dir}call-setup-${stamp}.json`
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`)
  return path
}
