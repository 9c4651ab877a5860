/**
 * Where a set-up spends its time: the median ms after the start (the joiner's Join click, or the
 * bare page's start) at which each side reached each step, bare floor beside the app. Relay rows sit
 * in the column of the side that sent the message (the server's or the bare relay's receive time).
 */
import type { SetupRun } from './call-setup-mesh.js'
import { kinds } from './call-setup-report.js'
import type { Blocked, RtcStep } from './call-setup-rtc-page.js'
import { summary } from './call-setup-summary.js'
import type { Results } from './call-setup-verdicts.js'
import { table } from './report.js'

const LABELS: Record<RtcStep, string> = {
  created: 'peer connection created',
  'local-offer': 'offer set locally',
  'remote-offer': 'offer applied (from remote)',
  'local-answer': 'answer set locally',
  'remote-answer': 'answer applied (from remote)',
  'ice-connected': 'ICE connected',
  connected: 'DTLS connected',
  track: 'remote tracks arrived',
}

type Cell = readonly (number | null | undefined)[]
/** A value of a run for the joiner's column and for the others' column. */
type Pick = (x: SetupRun) => [joiner: number | null | undefined, others: number | null | undefined]

export type Timeline = Record<string, (number | null)[]>

const columns = (r: Results): string[] =>
  kinds(r).flatMap(([label]) => {
    const short = label.replace(' members', '').replace(' pages', '').replace(',', '')
    return [`${short}: joiner`, `${short}: others (latest)`]
  })

const LINES: [string, Pick][] = [
  ['hello / room:join at the relay', (x) => [x.server?.joinReceived, null]],
  ['call screen shown', (x) => [x.callShown, null]],
  ...(['created', 'local-offer'] as const).map((s): [string, Pick] => [
    LABELS[s],
    (x) => [x.joinerSteps[s], x.othersSteps[s]],
  ]),
  ['first offer at the relay', (x) => [null, x.server?.offerReceived]],
  ...(['remote-offer', 'local-answer'] as const).map((s): [string, Pick] => [
    LABELS[s],
    (x) => [x.joinerSteps[s], x.othersSteps[s]],
  ]),
  ['first answer at the relay', (x) => [x.server?.answerReceived, null]],
  ...(['remote-answer', 'ice-connected'] as const).map((s): [string, Pick] => [
    LABELS[s],
    (x) => [x.joinerSteps[s], x.othersSteps[s]],
  ]),
  ['first peer connection connected', (x) => [x.firstConnected, null]],
  ...(['connected', 'track'] as const).map((s): [string, Pick] => [
    `${LABELS[s]} (the last)`,
    (x) => [x.joinerSteps[s], x.othersSteps[s]],
  ]),
  ['first remote frame (all of them)', (x) => [x.joinerSees, x.othersSee]],
]

const median = (c: Cell): number | null => {
  const m = summary(c).median
  return Number.isFinite(m) ? Math.round(m) : null
}

/** Median of each cell per line (null where there are no values). */
export function timeline(r: Results): Timeline {
  const runs = kinds(r).map(([, list]) => list.filter((x) => x.ok))
  return Object.fromEntries(
    LINES.map(([label, pick]) => [
      label,
      runs.flatMap((list) => {
        const values = list.map(pick)
        return [median(values.map((v) => v[0])), median(values.map((v) => v[1]))]
      }),
    ]),
  )
}

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '' : `${v}`)

export function printTimeline(r: Results, t: Timeline): void {
  const header = ['step (median ms after start)', ...columns(r)]
  const rows = Object.entries(t).map(([label, cells]) => [label, ...cells.map(cell)])
  console.log(`${table(header, rows)}\n`)
}

export type BlockedSummary = Record<string, ({ ms: number; calls: number } | null)[]>

/** Median main-thread ms (and calls) inside each WebRTC method from the start to the frames. */
export function blockedSummary(r: Results): BlockedSummary {
  const cols: Blocked[][] = kinds(r).flatMap(([, list]) => {
    const ok = list.filter((x) => x.ok)
    return [ok.map((x) => x.joinerBlocked), ok.map((x) => x.othersBlocked)]
  })
  const methods = [...new Set(cols.flat().flatMap((b) => Object.keys(b)))].sort((a, b) =>
    a === 'total' ? 1 : b === 'total' ? -1 : a.localeCompare(b),
  )
  return Object.fromEntries(
    methods.map((method) => [
      method,
      cols.map((runs) => {
        if (runs.length === 0) return null
        const ms = summary(runs.map((b) => b[method]?.ms ?? 0)).median
        const calls = summary(runs.map((b) => b[method]?.calls ?? 0)).median
        return { ms: Math.round(ms), calls }
      }),
    ]),
  )
}

export function printBlocked(r: Results, b: BlockedSummary): void {
  const header = ['main thread in WebRTC calls: ms (calls)', ...columns(r)]
  const rows = Object.entries(b).map(([method, cells]) => [
    method,
    ...cells.map((c) => (c ? `${c.ms} (${c.calls})` : '')),
  ])
  console.log(`${table(header, rows)}\n`)
}
