/** The server budgets of DESIGN.md ("Budgets"), judged against one run's figures. */
import type { SizeResult } from './size-result.js'

export type Verdict = 'PASS' | 'FAIL' | 'SKIP'

export interface BudgetCheck {
  budget: string
  size: number | null
  measured: string
  target: string
  verdict: Verdict
}

const MEMBERS_BUDGET = 10_000
const RSS_BUDGET_MIB = 1024
const RELAY_P99_MS = 10
const RELAY_TALKERS = 1000
const JOINS_PER_SECOND = 1000

const fixed = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')

function memoryCheck(results: SizeResult[]): BudgetCheck {
  const budget = `${MEMBERS_BUDGET} members in one process`
  const target = `≤ ${RSS_BUDGET_MIB} MiB RSS`
  const r = results.find((x) => x.size >= MEMBERS_BUDGET)
  if (!r) {
    // Without the full size, say where the largest run points, but do not judge on a projection.
    const largest = results.at(-1)
    const projected = largest
      ? largest.server.idle.rssMiB +
        (largest.server.perMember.rssMarginalKiB * MEMBERS_BUDGET) / 1024
      : NaN
    const measured = `not run (projected ${fixed(projected, 0)} MiB)`
    return { budget, size: null, measured, target, verdict: 'SKIP' }
  }
  const rss = r.server.loaded.rssMiB
  const ok = r.join.ok >= MEMBERS_BUDGET && rss <= RSS_BUDGET_MIB
  const measured = `${r.join.ok} joined, ${fixed(rss, 0)} MiB RSS`
  return { budget, size: r.size, measured, target, verdict: ok ? 'PASS' : 'FAIL' }
}

function relayCheck(r: SizeResult): BudgetCheck {
  const { signal, talkers } = r.steady
  const budget = `signal relay p99, ${RELAY_TALKERS} talking`
  const target = `< ${RELAY_P99_MS} ms, none lost`
  const lost = signal.sent - signal.received
  const measured = `${fixed(signal.latencyMs.p99, 2)} ms (${talkers} talking, ${lost} lost)`
  if (talkers < RELAY_TALKERS) return { budget, size: r.size, measured, target, verdict: 'SKIP' }
  const ok = signal.latencyMs.p99 < RELAY_P99_MS && lost === 0 && signal.received > 0
  return { budget, size: r.size, measured, target, verdict: ok ? 'PASS' : 'FAIL' }
}

function joinCheck(r: SizeResult): BudgetCheck {
  const ok = r.join.perSecond >= JOINS_PER_SECOND && r.join.failed === 0
  return {
    budget: 'joins per second',
    size: r.size,
    measured: `${fixed(r.join.perSecond, 0)}/s (${r.join.failed} failed)`,
    target: `≥ ${JOINS_PER_SECOND}/s, none failed`,
    verdict: ok ? 'PASS' : 'FAIL',
  }
}

export function checkBudgets(results: SizeResult[]): BudgetCheck[] {
  return [memoryCheck(results), ...results.map(relayCheck), ...results.map(joinCheck)]
}
