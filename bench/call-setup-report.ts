/** The call-setup bench's tables (figures, steady phase, cold start, bytes, verdicts) and its JSON. */
import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { ColdStart } from './call-setup-load.js'
import type { SetupRun } from './call-setup-mesh.js'
import { summary } from './call-setup-summary.js'
import { steadyOf, type BudgetCheck, type Results } from './call-setup-verdicts.js'
import { table } from './report.js'

const f = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')

/** One figure's row; `of` is how many runs there were (null for a count of samples). */
function row(
  label: string,
  values: readonly (number | null | undefined)[],
  of: number | null,
  digits = 0,
): string[] {
  const s = summary(values)
  const cells = [s.median, s.p90, s.min, s.max].map((v) => f(v, digits))
  return [label, ...cells, of === null ? `${s.n}` : `${s.n}/${of}`]
}

/** The set-ups of one kind: the figure, its halves, first connection, server or relay steps. */
function setupRows(label: string, runs: readonly SetupRun[], bare: boolean): string[][] {
  const n = runs.length
  const ok = runs.filter((x) => x.ok)
  const phase = (k: keyof Omit<NonNullable<SetupRun['server']>, 'signals'>) =>
    ok.map((x) => x.server?.[k])
  const at = bare ? 'relay' : 'server'
  return [
    row(
      `${label}: start → frames on all pages`,
      ok.map((x) => x.allSides),
      n,
    ),
    row(
      '  joiner sees everyone',
      ok.map((x) => x.joinerSees),
      n,
    ),
    row(
      '  everyone sees the joiner',
      ok.map((x) => x.othersSee),
      n,
    ),
    row(
      '  first peer connection connected',
      ok.map((x) => x.firstConnected),
      n,
    ),
    ...(bare ? [] : [row(`  ${at}: joiner connected`, phase('connected'), n)]),
    row(`  ${at}: ${bare ? 'hello' : 'room:join'} received`, phase('joinReceived'), n),
    ...(bare ? [] : [row(`  ${at}: peer:joined sent`, phase('peerJoinedSent'), n)]),
    row(`  ${at}: first offer received`, phase('offerReceived'), n),
    row(`  ${at}: first answer received`, phase('answerReceived'), n),
  ]
}

/** The kinds of set-up in report order: label, runs, bare or not. */
export const kinds = (r: Results): [string, SetupRun[], boolean][] => [
  ['bare, 2 pages', r.bare2, true],
  ['app, 2 members', r.two, false],
  ['bare, 4 pages', r.bare4, true],
  ['app, 4 members', r.four, false],
]

export function printReport(r: Results): void {
  const setup = [
    ...kinds(r).flatMap(([label, runs, bare]) => setupRows(label, runs, bare)),
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
  printSteady(r)

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

/** Steady phase: per kind, over the runs that had one (each run's own median and lowest fps). */
function printSteady(r: Results): void {
  const rows = kinds(r).flatMap(([label, runs]) => {
    const steady = steadyOf(runs)
    const tried = runs.filter((x) => x.steady).length
    if (tried === 0) return []
    return [
      row(
        `${label}: received fps, median of streams`,
        steady.map((s) => s.fpsMedian),
        tried,
        1,
      ),
      row(
        '  received fps, lowest stream',
        steady.map((s) => s.fpsMin),
        tried,
        1,
      ),
      row(
        '  browser CPU, cores',
        steady.map((s) => s.cores),
        tried,
        2,
      ),
      row(
        '  machine CPU, % of one core',
        steady.map((s) => s.machineCpuPercent),
        tried,
      ),
      row(
        '  GPU process, cores',
        steady.map((s) => Object.entries(s.coresByType).find(([t]) => /gpu/i.test(t))?.[1] ?? 0),
        tried,
        2,
      ),
      row(
        '  camera tile, px wide',
        steady.map((s) => s.tile?.width ?? NaN),
        tried,
      ),
      row(
        '  least of a tile on screen, %',
        steady.map((s) => s.inView * 100),
        tried,
      ),
    ]
  })
  if (rows.length === 0) return
  const header = ['steady phase', 'median', 'p90', 'min', 'max', 'runs ok']
  console.log(`${table(header, rows)}\n`)
}

export function printBudgets(checks: BudgetCheck[]): void {
  const verdicts = checks.map((x) => [x.budget, x.measured, x.target, x.verdict])
  console.log(`${table(['budget', 'measured', 'target', 'verdict'], verdicts)}\n`)
}

/** The run's stamp, for its JSON and its profiles' folder. */
export const runStamp = (): string => new Date().toISOString().slice(0, 19).replace(/:/g, '-')

export const resultsDir = (): string => fileURLToPath(new URL('./results/', import.meta.url))

/** Writes the run to bench/results/call-setup-<stamp>.json and returns the path. */
export async function writeResults(stamp: string, record: object): Promise<string> {
  const dir = resultsDir()
  await mkdir(dir, { recursive: true })
  const path = `${dir}call-setup-${stamp}.json`
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`)
  return path
}
