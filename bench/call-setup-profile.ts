/**
 * The trace: Chromium's sampling CPU profile of chosen pages (a CDP session per page: Profiler
 * enable / start before the start of a set-up, stop once the frames are in), saved as .cpuprofile
 * files (DevTools → Performance opens them) and summarised: where each page's main thread spent the
 * window from the start to the last first frame, by script (by source file group when the bundle has
 * a source map), (garbage collector), (program), (idle), and the window cut at the page's own steps.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import type { CDPSession } from '@playwright/test'
import type { BenchPage } from './call-setup-browser.js'
import type { PageRecord } from './call-setup-page.js'
import { RTC_STEPS, firstStep } from './call-setup-rtc-page.js'
import { loadSourceMap, sourceGroup, type SourceMap } from './call-setup-sourcemap.js'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
}
interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

/** Sampling interval, µs (Chromium's default is 1,000). */
const INTERVAL_US = 200
const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)'])
/** Native functions (no script, no line) that are WebRTC's; the others are DOM and builtins. */
const WEBRTC =
  /^(RTC|addIceCandidate|setLocalDescription|setRemoteDescription|createOffer|createAnswer|addTrack|removeTrack|addTransceiver|getStats|setParameters|replaceTrack|close$)/
const NO_URL = 'scripts without URL (the bench, the bare page)'
const TOP = 8

export interface Phase {
  from: string
  to: string
  ms: number
  idle: number
  gc: number
  program: number
  script: number
}

export interface ProfileSummary {
  label: string
  file: string
  /** ms from the start to the end of the window summarised (the last first frame). */
  windowMs: number
  /** Self ms in the window by group, largest first. */
  groups: [string, number][]
  /** The functions with the most self ms in the window. */
  top: { name: string; where: string; group: string; ms: number }[]
  phases: Phase[]
}

export interface Profiled {
  label: string
  bench: BenchPage
}

interface Running extends Profiled {
  session: CDPSession
  /** The bench's Date.now() when the profiler had started (the profile's startTime). */
  startedAt: number
}

export interface Taken extends Profiled {
  profile: CpuProfile
  startedAt: number
}

export async function startProfiles(pages: readonly Profiled[]): Promise<Running[]> {
  return Promise.all(
    pages.map(async (p) => {
      const session = await p.bench.context.newCDPSession(p.bench.page)
      await session.send('Profiler.enable')
      await session.send('Profiler.setSamplingInterval', { interval: INTERVAL_US })
      await session.send('Profiler.start')
      return { ...p, session, startedAt: Date.now() }
    }),
  )
}

export async function stopProfiles(running: readonly Running[]): Promise<Taken[]> {
  return Promise.all(
    running.map(async ({ session, ...rest }) => {
      const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile }
      await session.detach().catch(() => undefined)
      return { ...rest, profile }
    }),
  )
}

/** Finds a served script's file on disk (for its source map), or null. */
export type ScriptFile = (url: string) => string | null

type Group = (frame: CallFrame) => string

async function grouper(taken: Taken, scriptFile: ScriptFile): Promise<Group> {
  const maps = new Map<string, SourceMap | null>()
  for (const { callFrame } of taken.profile.nodes) {
    const file = callFrame.url ? scriptFile(callFrame.url) : null
    if (file && !maps.has(callFrame.url)) maps.set(callFrame.url, await loadSourceMap(file))
  }
  return (frame) => {
    if (!frame.url && SPECIAL.has(frame.functionName)) return frame.functionName
    if (!frame.url && frame.lineNumber < 0) {
      return WEBRTC.test(frame.functionName) ? 'native: WebRTC' : 'native: DOM, builtins'
    }
    if (!frame.url) return NO_URL
    const source = maps.get(frame.url)?.sourceAt(frame.lineNumber, frame.columnNumber)
    if (source) return sourceGroup(source)
    const path = URL.canParse(frame.url) ? new URL(frame.url).pathname : frame.url
    return `script ${path}`
  }
}

/** The page's own steps after `start` (first occurrence of each), in time order, up to `end`. */
function moments(record: PageRecord, start: number, end: number): [string, number][] {
  const list: [string, number][] = [['start', start]]
  if (record.callAt !== null && record.callAt >= start) list.push(['call shown', record.callAt])
  for (const step of RTC_STEPS) {
    const at = firstStep(record, start, step)
    if (at !== null) list.push([`first ${step}`, start + at])
  }
  const inside = list.filter(([, at]) => at < end).sort((a, b) => a[1] - b[1])
  return [...inside, ['last first frame', end]]
}

/** Summarises the window [start, end] (Date.now() ms) of one profile and saves it under `dir`. */
export async function summarise(
  taken: Taken,
  record: PageRecord,
  window: { start: number; end: number },
  dir: string,
  scriptFile: ScriptFile,
): Promise<ProfileSummary> {
  const { profile, label } = taken
  await mkdir(dir, { recursive: true })
  const file = `${dir}/${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.cpuprofile`
  await writeFile(file, JSON.stringify(profile))

  const group = await grouper(taken, scriptFile)
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  const marks = moments(record, window.start, window.end)
  const phases: Phase[] = marks.slice(1).map(([to], i) => ({
    from: marks[i]![0],
    to,
    ms: marks[i + 1]![1] - marks[i]![1],
    idle: 0,
    gc: 0,
    program: 0,
    script: 0,
  }))
  const groups = new Map<string, number>()
  const functions = new Map<string, { frame: CallFrame; ms: number }>()
  let t = profile.startTime
  for (const [i, id] of samples.entries()) {
    t += deltas[i] ?? 0
    const ms = (deltas[i + 1] ?? 0) / 1000
    const at = taken.startedAt + (t - profile.startTime) / 1000
    const node = byId.get(id)
    if (!node || at < window.start || at > window.end) continue
    const g = group(node.callFrame)
    groups.set(g, (groups.get(g) ?? 0) + ms)
    const f = node.callFrame
    if (!SPECIAL.has(f.functionName)) {
      const key = `${f.functionName} ${f.url}:${f.lineNumber}:${f.columnNumber}`
      const entry = functions.get(key) ?? { frame: f, ms: 0 }
      entry.ms += ms
      functions.set(key, entry)
    }
    const p = phases.findLast((_, k) => at >= marks[k]![1])
    if (!p) continue
    if (g === '(idle)') p.idle += ms
    else if (g === '(garbage collector)') p.gc += ms
    else if (g === '(program)' || g === '(root)') p.program += ms
    else p.script += ms
  }
  const round = (n: number): number => Math.round(n * 10) / 10
  return {
    label,
    file,
    windowMs: window.end - window.start,
    groups: [...groups].sort((a, b) => b[1] - a[1]).map(([g, ms]) => [g, round(ms)]),
    top: [...functions.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, TOP)
      .map(({ frame, ms }) => ({
        name: frame.functionName || '(anonymous)',
        where: `${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`,
        group: group(frame),
        ms: round(ms),
      })),
    phases: phases.map((p) => ({
      ...p,
      ms: Math.round(p.ms),
      idle: round(p.idle),
      gc: round(p.gc),
      program: round(p.program),
      script: round(p.script),
    })),
  }
}
