/**
 * Where a set-up spends its time: the median ms after the start (the newcomer's Join click, or the
 * bare page's start) at which each side reached each step, app beside bare WebRTC. Relay rows sit in
 * the column of the side that sent the message (the server's or the bare relay's receive time).
 */
import type { Blocked, RtcStep } from './call-setup-rtc-page.js'
import { summary, type Results } from './call-setup-report.js'
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
/** Six columns: bare newcomer, bare other, app 2 joiner, app 2 other, app 4 joiner, app 4 others. */
type Line = [label: string, cells: Cell[]]

const COLUMNS = ['bare: newcomer', 'bare: other', 'app 2: joiner', 'app 2: other']
const COLUMNS_4 = ['app 4: joiner', 'app 4: others (latest)']

export type Timeline = Record<string, (number | null)[]>

/** Median of each cell per line (null where there are no values). */
export function timeline(r: Results): Timeline {
  const bare = r.baseline.filter((x) => x.ok)
  const two = r.two.filter((x) => x.ok)
  const four = r.four.filter((x) => x.ok)
  const sides: ((s: RtcStep) => Cell)[] = [
    (s) => bare.map((b) => b.newcomerSteps[s]),
    (s) => bare.map((b) => b.existingSteps[s]),
    (s) => two.map((x) => x.joinerSteps[s]),
    (s) => two.map((x) => x.othersSteps[s]),
    (s) => four.map((x) => x.joinerSteps[s]),
    (s) => four.map((x) => x.othersSteps[s]),
  ]
  const rtc = (s: RtcStep): Line => [LABELS[s], sides.map((side) => side(s))]
  const lines: Line[] = [
    [
      'hello / room:join at the relay',
      [
        bare.map((b) => b.phases.hello),
        [],
        two.map((x) => x.server?.joinReceived),
        [],
        four.map((x) => x.server?.joinReceived),
        [],
      ],
    ],
    ['call screen shown', [[], [], two.map((x) => x.callShown), [], four.map((x) => x.callShown)]],
    rtc('created'),
    rtc('local-offer'),
    [
      'first offer at the relay',
      [
        [],
        bare.map((b) => b.phases.offer),
        [],
        two.map((x) => x.server?.offerReceived),
        [],
        four.map((x) => x.server?.offerReceived),
      ],
    ],
    rtc('remote-offer'),
    rtc('local-answer'),
    [
      'first answer at the relay',
      [
        bare.map((b) => b.phases.answer),
        [],
        two.map((x) => x.server?.answerReceived),
        [],
        four.map((x) => x.server?.answerReceived),
        [],
      ],
    ],
    rtc('remote-answer'),
    rtc('ice-connected'),
    rtc('connected'),
    rtc('track'),
    [
      'first remote frame (all of them)',
      [
        bare.map((b) => b.newcomerSees),
        bare.map((b) => b.existingSees),
        two.map((x) => x.joinerSees),
        two.map((x) => x.othersSee),
        four.map((x) => x.joinerSees),
        four.map((x) => x.othersSee),
      ],
    ],
  ]
  return Object.fromEntries(
    lines.map(([label, cells]) => [
      label,
      cells.map((c) => {
        const m = summary(c).median
        return Number.isFinite(m) ? Math.round(m) : null
      }),
    ]),
  )
}

export function printTimeline(t: Timeline): void {
  const header = ['step (median ms after start)', ...COLUMNS, ...COLUMNS_4]
  const rows = Object.entries(t).map(([label, cells]) => [
    label,
    ...header
      .slice(1)
      .map((_, i) => (cells[i] === null || cells[i] === undefined ? '' : `${cells[i]}`)),
  ])
  console.log(`${table(header, rows)}\n`)
}

export type BlockedSummary = Record<string, ({ ms: number; calls: number } | null)[]>

/** Median main-thread ms (and calls) inside each WebRTC method from the start to the frames. */
export function blockedSummary(r: Results): BlockedSummary {
  const bare = r.baseline.filter((x) => x.ok)
  const two = r.two.filter((x) => x.ok)
  const four = r.four.filter((x) => x.ok)
  const columns: Blocked[][] = [
    bare.map((b) => b.newcomerBlocked),
    bare.map((b) => b.existingBlocked),
    two.map((x) => x.joinerBlocked),
    two.map((x) => x.othersBlocked),
    four.map((x) => x.joinerBlocked),
    four.map((x) => x.othersBlocked),
  ]
  const methods = [...new Set(columns.flat().flatMap((b) => Object.keys(b)))].sort((a, b) =>
    a === 'total' ? 1 : b === 'total' ? -1 : a.localeCompare(b),
  )
  return Object.fromEntries(
    methods.map((method) => [
      method,
      columns.map((runs) => {
        if (runs.length === 0) return null
        const ms = summary(runs.map((b) => b[method]?.ms ?? 0)).median
        const calls = summary(runs.map((b) => b[method]?.calls ?? 0)).median
        return { ms: Math.round(ms), calls }
      }),
    ]),
  )
}

export function printBlocked(b: BlockedSummary): void {
  const header = ['main thread in WebRTC calls: ms (calls)', ...COLUMNS, ...COLUMNS_4]
  const rows = Object.entries(b).map(([method, cells]) => [
    method,
    ...header.slice(1).map((_, i) => {
      const c = cells[i]
      return c ? `${c.ms} (${c.calls})` : ''
    }),
  ])
  console.log(`${table(header, rows)}\n`)
}
