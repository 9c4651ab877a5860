/**
 * The app's own call set-up, through the real UI: members in fresh contexts go lobby → device check
 * → call on the in-process rendezvous server; the last one's Join click starts the clock, the first
 * remote frame on every page stops it. Two-member runs also time mute marks.
 */
import type { Browser } from '@playwright/test'
import {
  clickJoin,
  closeAll,
  joinMember,
  lastClick,
  record,
  sleep,
  toDeviceCheck,
  waitForFrames,
  type FramePair,
  type Member,
} from './call-setup-browser.js'
import { armMark, awaitMark } from './call-setup-page.js'
import { blockedSince, rtcSteps, type Blocked, type RtcStep } from './call-setup-rtc-page.js'
import { phasesOf, type ServerPhases, type Tap } from './call-setup-tap.js'

export type Steps = Partial<Record<RtcStep, number>>

export interface AppContext {
  browser: Browser
  url: string
  tap: Tap
  settleMs: number
  timeoutMs: number
}

export interface SetupRun {
  members: number
  ok: boolean
  error?: string
  /** ms from the last joiner's Join click to the last of the first remote frames on all pages. */
  allSides: number | null
  /** ms from the click to the joiner's last first-frame (it sees everyone). */
  joinerSees: number | null
  /** ms from the click to the last page already in the call seeing the joiner. */
  othersSee: number | null
  server: ServerPhases | null
  /** ms from the click to the joiner's call screen showing. */
  callShown: number | null
  /** RTCPeerConnection steps after the click: the joiner's, and the latest of the others'. */
  joinerSteps: Steps
  othersSteps: Steps
  /** Main-thread ms inside WebRTC calls from the click to the frames: the joiner's, and the most
   * any one of the others spent. */
  joinerBlocked: Blocked
  othersBlocked: Blocked
}

export interface MuteSamples {
  /** ms from the Microphone click to the "Microphone off" mark on the other's page. */
  mute: number[]
  /** The same for the mark going away on unmute. */
  unmute: number[]
  /** Samples whose mark did not change within the time allowed. */
  missed: number
}

const NAMES = ['Ann', 'Bob', 'Cat', 'Dan']
const MARK_TIMEOUT_MS = 10_000

const roomName = (members: number, run: number): string =>
  `bench-${members}-${run}-${Math.random().toString(36).slice(2, 8)}`

/** Every (viewer, name) pair of a full mesh. */
function meshPairs(members: readonly Member[]): FramePair[] {
  return members.flatMap((viewer) =>
    members.filter((m) => m !== viewer).map((m) => ({ viewer, name: m.nickname })),
  )
}

/**
 * One set-up of `size` members: the first size − 1 join and see each other, then the last joins
 * from the device check (after `settleMs` with its camera running). `after` runs in the call.
 */
export async function runSetup(
  ctx: AppContext,
  size: number,
  run: number,
  after?: (members: Member[]) => Promise<void>,
): Promise<SetupRun> {
  const { browser, url, timeoutMs } = ctx
  const room = roomName(size, run)
  const names = NAMES.slice(0, size)
  const joinerName = names.at(-1) ?? 'Dan'
  const members: Member[] = []
  const empty = {
    allSides: null,
    joinerSees: null,
    othersSee: null,
    server: null,
    callShown: null,
    joinerSteps: {},
    othersSteps: {},
    joinerBlocked: {},
    othersBlocked: {},
  }
  try {
    for (const name of names.slice(0, -1)) {
      members.push(await joinMember(browser, url, name, room, timeoutMs))
    }
    const early = await waitForFrames(meshPairs(members), timeoutMs)
    if (early.some((t) => t === null)) throw new Error('the first members did not see each other')
    const joiner = await toDeviceCheck(browser, url, joinerName, room, timeoutMs)
    members.push(joiner)
    await sleep(ctx.settleMs)

    const before = await Promise.all(members.map(async (m) => (await record(m.page)).blocked))
    const start = await clickJoin(joiner, timeoutMs)
    const others = members.slice(0, -1)
    const pairs = [
      ...others.map((m) => ({ viewer: joiner, name: m.nickname })),
      ...others.map((m) => ({ viewer: m, name: joinerName })),
    ]
    const seen = await waitForFrames(pairs, timeoutMs)
    const late = (from: number, to: number): number | null => {
      const part = seen.slice(from, to)
      return part.every((t) => t !== null) ? Math.max(...part) - start : null
    }
    const joinerSees = late(0, others.length)
    const othersSee = late(others.length, pairs.length)
    const ok = joinerSees !== null && othersSee !== null
    const server = phasesOf(
      ctx.tap,
      start,
      joinerName,
      others.map((m) => m.nickname),
    )
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
    const result: SetupRun = {
      members: size,
      ok,
      ...(ok ? {} : { error: 'not every page saw every remote video in time' }),
      allSides: ok ? Math.max(joinerSees, othersSee) : null,
      joinerSees,
      othersSee,
      server,
      callShown: joinerRecord.callAt === null ? null : joinerRecord.callAt - start,
      joinerSteps: rtcSteps(joinerRecord, start),
      othersSteps,
      joinerBlocked: blockedSince(before.at(-1) ?? {}, joinerRecord.blocked),
      othersBlocked,
    }
    if (ok && after) await after(members)
    return result
  } catch (err) {
    return { members: size, ok: false, error: String(err), ...empty }
  } finally {
    await closeAll(members)
  }
}

/** Toggles `actor`'s microphone `count` times off and on, timing the mark on `viewer`'s page. */
export async function measureMutes(
  viewer: Member,
  actor: Member,
  count: number,
): Promise<MuteSamples> {
  const samples: MuteSamples = { mute: [], unmute: [], missed: 0 }
  const mic = actor.page.getByRole('button', { name: 'Microphone', exact: true })
  for (let i = 0; i < count; i++) {
    for (const present of [true, false]) {
      try {
        const mark = { name: actor.nickname, present, timeoutMs: MARK_TIMEOUT_MS }
        await viewer.page.evaluate(armMark, mark)
        await mic.click({ timeout: MARK_TIMEOUT_MS })
        const clicked = await lastClick(actor.page, 'Microphone')
        const seen = await viewer.page.evaluate(awaitMark)
        if (clicked === null || seen === null) samples.missed++
        else (present ? samples.mute : samples.unmute).push(seen - clicked)
      } catch {
        // A click that could not be made counts as a miss; the set-up figures stand.
        samples.missed++
      }
      await sleep(300)
    }
  }
  return samples
}
