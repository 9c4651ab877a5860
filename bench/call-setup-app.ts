/**
 * The app's own call set-up, through the real UI: members in fresh contexts go lobby → device check
 * → call on the in-process rendezvous server; the last one's Join click starts the clock, the first
 * remote frame on every page stops it (call-setup-mesh.ts). Two-member calls also time mute marks.
 */
import type { Browser } from '@playwright/test'
import {
  clickJoin,
  joinMember,
  lastClick,
  sleep,
  toDeviceCheck,
  type Member,
} from './call-setup-browser.js'
import { runMesh, type SetupHooks, type SetupRun } from './call-setup-mesh.js'
import { armMark, awaitMark } from './call-setup-page.js'
import { phasesOf, type Tap } from './call-setup-tap.js'

export interface AppContext {
  browser: Browser
  url: string
  tap: Tap
  settleMs: number
  timeoutMs: number
}

export interface MuteSamples {
  /** ms from the Microphone click to the "Microphone off" mark on the other's page. */
  mute: number[]
  /** The same for the mark going away on unmute. */
  unmute: number[]
  /** Samples whose mark did not change within the time allowed. */
  missed: number
}

export const NAMES = ['Ann', 'Bob', 'Cat', 'Dan']
const MARK_TIMEOUT_MS = 10_000

const roomName = (members: number, run: number): string =>
  `bench-${members}-${run}-${Math.random().toString(36).slice(2, 8)}`

/**
 * One set-up of `size` members: the first size − 1 join and see each other, then the last joins
 * from the device check (after `settleMs` with its camera running).
 */
export function runSetup(
  ctx: AppContext,
  size: number,
  run: number,
  hooks: SetupHooks<Member> = {},
): Promise<SetupRun> {
  const { browser, url, timeoutMs } = ctx
  const room = roomName(size, run)
  const names = NAMES.slice(0, size)
  const joinerName = names.at(-1) ?? 'Dan'
  return runMesh(
    {
      size,
      settleMs: ctx.settleMs,
      timeoutMs,
      early: async (into) => {
        for (const name of names.slice(0, -1)) {
          into.push(await joinMember(browser, url, name, room, timeoutMs))
        }
      },
      joiner: () => toDeviceCheck(browser, url, joinerName, room, timeoutMs),
      start: (joiner) => clickJoin(joiner, timeoutMs),
      phases: (start, joiner, others) =>
        phasesOf(
          ctx.tap,
          start,
          joiner.nickname,
          others.map((m) => m.nickname),
        ),
    },
    hooks,
  )
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
