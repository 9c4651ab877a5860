/**
 * Profiled set-ups: hooks that start the CPU profiler of every page of a set-up just before the
 * joiner's start and stop it once all frames are in (call-setup-profile.ts), and the tables printed
 * from them: where each page's main thread went from the start to the last first frame.
 */
import { record, type Member } from './call-setup-browser.js'
import type { SetupHooks, SetupRun } from './call-setup-mesh.js'
import {
  startProfiles,
  stopProfiles,
  summarise,
  type ProfileSummary,
  type ScriptFile,
} from './call-setup-profile.js'
import { table } from './report.js'

/** Hooks that profile every page of a set-up labelled `kind` and file the summaries in the run. */
export function profileHooks<M extends Member>(
  kind: string,
  dir: string,
  scriptFile: ScriptFile,
): SetupHooks<M> {
  let running: Awaited<ReturnType<typeof startProfiles>> = []
  return {
    beforeStart: async (members) => {
      const last = members.length - 1
      running = await startProfiles(
        members.map((bench, i) => ({
          label: `${kind} ${i === last ? 'joiner' : 'there'} ${bench.nickname}`,
          bench,
        })),
      )
    },
    inCall: async (members, run, start) => {
      const taken = await stopProfiles(running)
      const window = { start, end: start + (run.allSides ?? 0) }
      run.profiles = []
      for (const [i, t] of taken.entries()) {
        const page = members[i]?.page
        if (!page) continue
        run.profiles.push(await summarise(t, await record(page), window, dir, scriptFile))
      }
    },
  }
}

const f = (n: number | undefined): string => (n === undefined ? '' : n.toFixed(0))
/** Groups shown per table; the rest are summed into one row. */
const GROUPS = 9

function printGroups(profiles: readonly ProfileSummary[]): void {
  const joiner = profiles.find((p) => p.label.includes(' joiner ')) ?? profiles[0]
  const order = (joiner?.groups ?? []).map(([g]) => g)
  for (const p of profiles) for (const [g] of p.groups) if (!order.includes(g)) order.push(g)
  const shown = order.slice(0, GROUPS)
  const ms = (p: ProfileSummary, g: string) => p.groups.find(([name]) => name === g)?.[1]
  const rest = (p: ProfileSummary) =>
    p.groups.filter(([g]) => !shown.includes(g)).reduce((sum, [, v]) => sum + v, 0)
  const rows = [
    ['window (start → last first frame)', ...profiles.map((p) => f(p.windowMs))],
    ...shown.map((g) => [`  ${g}`, ...profiles.map((p) => f(ms(p, g)))]),
    ['  the rest', ...profiles.map((p) => f(rest(p)))],
  ]
  console.log(`${table(['self time, ms', ...profiles.map((p) => p.label)], rows)}\n`)
}

function printPhases(p: ProfileSummary): void {
  const rows = p.phases.map((x) => [
    `${x.from} → ${x.to}`,
    `${x.ms}`,
    f(x.script),
    f(x.gc),
    f(x.program),
    f(x.idle),
  ])
  const header = [`${p.label}: phase`, 'ms', 'JS + native', 'GC', '(program)', '(idle)']
  console.log(`${table(header, rows)}`)
  const top = p.top.map((t) => `${t.name} ${t.ms} ms (${t.group}, ${t.where})`)
  console.log(`  top self time: ${top.slice(0, 5).join('; ')}\n`)
}

/** The profiled set-ups' tables: groups for every page, phases of the joiner and one other. */
export function printProfiles(runs: readonly SetupRun[]): void {
  for (const run of runs) {
    const profiles = run.profiles ?? []
    if (profiles.length === 0) continue
    console.log(`profiled set-up: ${profiles[0]?.label.split(' ')[0] ?? ''}, ${run.members} pages`)
    printGroups(profiles)
    const joiner = profiles.at(-1)
    if (joiner) printPhases(joiner)
    if (profiles[0] && profiles[0] !== joiner) printPhases(profiles[0])
  }
  const files = runs.flatMap((r) => r.profiles ?? []).map((p) => p.file)
  if (files.length > 0) console.log(`profiles saved: ${files.join(', ')}\n`)
}
