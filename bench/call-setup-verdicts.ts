/** The call-setup bench's budget verdicts: exactly the renderer and call budgets of DESIGN.md. */
import type { MuteSamples } from './call-setup-app.js'
import type { BytesResult, ColdStart } from './call-setup-load.js'
import type { SetupRun } from './call-setup-mesh.js'
import { summary, type Summary } from './call-setup-summary.js'

/** DESIGN.md "Budgets": each a ratio of one run's median to the same run's bare floor. */
export const SETUP_2_RATIO = 1.2
export const SETUP_4_RATIO = 1.3
export const FIRST_CONNECTED_RATIO = 1.5
export const STEADY_CPU_RATIO = 1.15
export const BYTES_BUDGET_KB = 150
/** KB here is 1,024 bytes: the stricter reading of the budget. */
export const KB = 1024
export const LOBBY_BUDGET_MS = 400
export const MUTE_BUDGET_MS = 1000

export type Verdict = 'PASS' | 'FAIL' | 'SKIP'

export interface Results {
  /** Set-ups, alternating bare and app: two pages or members, then four. */
  bare2: SetupRun[]
  two: SetupRun[]
  bare4: SetupRun[]
  four: SetupRun[]
  /** Extra set-ups, not counted, with the CPU profiles of their pages. */
  profiled: SetupRun[]
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
const judged = (ok: boolean, has: boolean): Verdict => (!has ? 'SKIP' : ok ? 'PASS' : 'FAIL')

/** The steady figures of the runs that had a steady phase. */
export const steadyOf = (runs: readonly SetupRun[]) =>
  runs.flatMap((r) => (r.steady?.ok ? [r.steady] : []))

function ratioCheck(
  budget: string,
  app: Summary,
  bare: Summary,
  limit: number,
  unit = 'ms',
  digits = 0,
): BudgetCheck {
  const ratio = app.median / bare.median
  return {
    budget,
    measured: `${f(ratio, 2)}× (${f(app.median, digits)} ÷ ${f(bare.median, digits)} ${unit} medians)`,
    target: `≤ ${limit}× bare`,
    verdict: judged(ratio <= limit, Number.isFinite(ratio) && app.n > 0 && bare.n > 0),
  }
}

export function checkBudgets(r: Results): BudgetCheck[] {
  const of = (runs: SetupRun[], pick: (x: SetupRun) => number | null) =>
    summary(runs.filter((x) => x.ok).map(pick))
  const fps4 = summary(steadyOf(r.four).map((s) => s.fpsMedian))
  const bareFps4 = summary(steadyOf(r.bare4).map((s) => s.fpsMedian))
  const cold = summary(r.cold.map((x) => x.interactive))
  const mute = summary(r.mutes.flatMap((m) => [...m.mute, ...m.unmute]))
  const missed = r.mutes.reduce((n, m) => n + m.missed, 0)
  const kb = r.bytes ? r.bytes.total / KB : NaN
  return [
    ratioCheck(
      '2 members: Join → frames both ways',
      of(r.two, (x) => x.allSides),
      of(r.bare2, (x) => x.allSides),
      SETUP_2_RATIO,
    ),
    ratioCheck(
      '2 members: Join → first peer connection connected',
      of(r.two, (x) => x.firstConnected),
      of(r.bare2, (x) => x.firstConnected),
      FIRST_CONNECTED_RATIO,
    ),
    ratioCheck(
      '4 members: last Join → every frame both ways',
      of(r.four, (x) => x.allSides),
      of(r.bare4, (x) => x.allSides),
      SETUP_4_RATIO,
    ),
    ratioCheck(
      '4 members: Join → first peer connection connected',
      of(r.four, (x) => x.firstConnected),
      of(r.bare4, (x) => x.firstConnected),
      FIRST_CONNECTED_RATIO,
    ),
    {
      budget: '4 members: steady received fps (median of streams)',
      measured: `${f(fps4.median, 1)} vs bare ${f(bareFps4.median, 1)} fps (medians of runs)`,
      target: '≥ bare',
      verdict: judged(fps4.median >= bareFps4.median, fps4.n > 0 && bareFps4.n > 0),
    },
    ratioCheck(
      '2 members: steady browser CPU',
      summary(steadyOf(r.two).map((s) => s.cores)),
      summary(steadyOf(r.bare2).map((s) => s.cores)),
      STEADY_CPU_RATIO,
      'cores',
      2,
    ),
    {
      budget: 'downloaded to reach a call',
      measured: `${f(kb, 1)} KB (${r.bytes?.total ?? '–'} bytes)`,
      target: `≤ ${BYTES_BUDGET_KB} KB gzipped`,
      verdict: judged(kb <= BYTES_BUDGET_KB, r.bytes?.ok === true),
    },
    {
      budget: 'lobby interactive, cold (median)',
      measured: `${f(cold.median)} ms (p90 ${f(cold.p90)})`,
      target: `< ${LOBBY_BUDGET_MS} ms`,
      verdict: judged(cold.median < LOBBY_BUDGET_MS, cold.n > 0),
    },
    {
      budget: 'mute marks reach the other (slowest)',
      measured: `max ${f(mute.max)} ms, median ${f(mute.median)} ms${missed ? `, ${missed} missed` : ''}`,
      target: `< ${MUTE_BUDGET_MS} ms`,
      verdict: judged(mute.max < MUTE_BUDGET_MS && missed === 0, mute.n > 0),
    },
  ]
}
