/**
 * One set-up of a call of n pages, the same for the app and the bare floor: the first n − 1 are in
 * the call and see each other; the last waits with its camera running (`settleMs`), then starts (the
 * app's Join click, the bare page's hello); the clock stops when the joiner sees every other page
 * and every other page sees the joiner. Hooks run before the start and in the call once it is full.
 */
import {
  closeAll,
  record,
  sleep,
  waitForFrames,
  type FramePair,
  type Member,
} from './call-setup-browser.js'
import {
  blockedSince,
  firstStep,
  rtcSteps,
  type Blocked,
  type RtcStep,
} from './call-setup-rtc-page.js'
import type { ProfileSummary } from './call-setup-profile.js'
import type { SteadyResult } from './call-setup-steady.js'
import type { ServerPhases } from './call-setup-tap.js'

export type Steps = Partial<Record<RtcStep, number>>

export interface SetupRun {
  members: number
  ok: boolean
  error?: string
  /** ms from the joiner's start to the last of the first remote frames on all pages. */
  allSides: number | null
  /** ms from the start to the joiner's last first-frame (it sees everyone). */
  joinerSees: number | null
  /** ms from the start to the last page already in the call seeing the joiner. */
  othersSee: number | null
  /** ms from the start to the first of the joiner's new connections reaching 'connected'. */
  firstConnected: number | null
  /** Where the set-up stood at the server (the app's) or the relay (the bare floor's). */
  server: ServerPhases | null
  /** ms from the start to the joiner's call screen showing (the app only). */
  callShown: number | null
  /** RTCPeerConnection steps after the start: the joiner's, and the latest of the others'. */
  joinerSteps: Steps
  othersSteps: Steps
  /** Main-thread ms inside WebRTC calls from the start to the frames: the joiner's, and the most
   * any one of the others spent. */
  joinerBlocked: Blocked
  othersBlocked: Blocked
  /** Filled by hooks: the steady phase after the set-up, the profiles of the set-up. */
  steady?: SteadyResult
  profiles?: ProfileSummary[]
}

export interface SetupHooks<M extends Member> {
  /** Just before the joiner's start, with every page (the joiner last). */
  beforeStart?(members: M[]): Promise<void>
  /** Once every page saw every remote video, before the pages close. */
  inCall?(members: M[], run: SetupRun, start: number): Promise<void>
}

export interface MeshSpec<M extends Member> {
  size: number
  settleMs: number
  timeoutMs: number
  /** Brings the first size − 1 pages into the call (they need not see each other yet), adding
   * each to `into` as it opens, so that a failure still closes it. */
  early(into: M[]): Promise<void>
  /** The joiner, ready to start. */
  joiner(): Promise<M>
  /** Starts the joiner; the page's Date.now() at the start. */
  start(joiner: M): Promise<number>
  /** Where the set-up stood at the server or the relay. */
  phases(start: number, joiner: M, others: M[]): ServerPhases
  /** Errors the pages noted, if any (the bare pages' own). */
  errors?(members: M[]): Promise<string[]>
}

/** Every (viewer, name) pair of a full mesh. */
export function meshPairs(members: readonly Member[]): FramePair[] {
  return members.flatMap((viewer) =>
    members.filter((m) => m !== viewer).map((m) => ({ viewer, name: m.nickname })),
  )
}

export function failedRun(members: number, error: string): SetupRun {
  return {
    members,
    ok: false,
    error,
    allSides: null,
    joinerSees: null,
    othersSee: null,
    firstConnected: null,
    server: null,
    callShown: null,
    joinerSteps: {},
    othersSteps: {},
    joinerBlocked: {},
    othersBlocked: {},
  }
}

export async function runMesh<M extends Member>(
  spec: MeshSpec<M>,
  hooks: SetupHooks<M> = {},
): Promise<SetupRun> {
  const members: M[] = []
  try {
    await spec.early(members)
    const early = await waitForFrames(meshPairs(members), spec.timeoutMs)
    if (early.some((t) => t === null)) throw new Error('the first members did not see each other')
    const joiner = await spec.joiner()
    members.push(joiner)
    const others = members.slice(0, -1)
    await sleep(spec.settleMs)

    const before = await Promise.all(members.map(async (m) => (await record(m.page)).blocked))
    await hooks.beforeStart?.(members)
    const start = await spec.start(joiner)
    const pairs = [
      ...others.map((m) => ({ viewer: joiner, name: m.nickname })),
      ...others.map((m) => ({ viewer: m, name: joiner.nickname })),
    ]
    const seen = await waitForFrames(pairs, spec.timeoutMs)
    const late = (from: number, to: number): number | null => {
      const part = seen.slice(from, to)
      return part.every((t) => t !== null) ? Math.max(...part) - start : null
    }
    const joinerSees = late(0, others.length)
    const othersSee = late(others.length, pairs.length)
    const errors = (await spec.errors?.(members)) ?? []
    const ok = joinerSees !== null && othersSee !== null
    const joinerRecord = await record(joiner.page)
    const othersSteps: Steps = {}
    let othersBlocked: Blocked = {}
    for (const [i, other] of others.entries()) {
      const r = await record(other.page)
      for (const [step, at] of Object.entries(rtcSteps(r, start))) {
        othersSteps[step as RtcStep] = Math.max(at, othersSteps[step as RtcStep] ?? -Infinity)
      }
      const blocked = blockedSince(before[i] ?? {}, r.blocked)
      if ((blocked['total']?.ms ?? 0) >= (othersBlocked['total']?.ms ?? 0)) othersBlocked = blocked
    }
    const problems = [...(ok ? [] : ['not every page saw every remote video in time']), ...errors]
    const run: SetupRun = {
      members: spec.size,
      ok,
      ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
      allSides: ok ? Math.max(joinerSees, othersSee) : null,
      joinerSees,
      othersSee,
      firstConnected: firstStep(joinerRecord, start, 'connected'),
      server: spec.phases(start, joiner, others),
      callShown: joinerRecord.callAt === null ? null : joinerRecord.callAt - start,
      joinerSteps: rtcSteps(joinerRecord, start),
      othersSteps,
      joinerBlocked: blockedSince(before.at(-1) ?? {}, joinerRecord.blocked),
      othersBlocked,
    }
    try {
      if (ok) await hooks.inCall?.(members, run, start)
    } catch (err) {
      // The set-up's figures stand; what failed in the call is noted beside them.
      run.error = `in the call: ${String(err)}`
    }
    return run
  } catch (err) {
    return failedRun(spec.size, String(err))
  } finally {
    await closeAll(members)
  }
}
