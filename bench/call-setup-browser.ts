/**
 * The browser side of the call-setup bench: one Chromium with fake devices, a fresh context per
 * member (nothing cached, nothing shared), and members walking the real UI as the e2e suites do
 * (tests/e2e/call/fixtures.ts). Every wait is bounded.
 */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { installWatcher, nameShim, readRecord, type PageRecord } from './call-setup-page.js'
import { instrumentRtc } from './call-setup-rtc-page.js'

export const CHROMIUM = '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
]

/** How often pages look for remote frames (requestVideoFrameCallback usually sees them first). */
const FRAME_POLL_MS = 10
/** How often the bench reads the pages' records while it waits. */
const READ_EVERY_MS = 50

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

export interface BenchPage {
  context: BrowserContext
  page: Page
}

/** A page in a fresh context, with the name shim and the watcher installed before any script. */
export async function newBenchPage(browser: Browser): Promise<BenchPage> {
  const context = await browser.newContext()
  await context.addInitScript(nameShim)
  await context.addInitScript(installWatcher, FRAME_POLL_MS)
  await context.addInitScript(instrumentRtc)
  const page = await context.newPage()
  return { context, page }
}

export async function closeAll(pages: readonly BenchPage[]): Promise<void> {
  await Promise.all(pages.map((p) => p.context.close().catch(() => undefined)))
}

export async function record(page: Page): Promise<PageRecord> {
  const r = await page.evaluate(readRecord)
  if (!r) throw new Error('no bench record in the page')
  return r
}

/** The first frame time of `name` on a page: whichever detector saw it first. */
export function frameAt(r: PageRecord, name: string): number | null {
  const f = r.frames[name]
  if (!f) return null
  const times = [f.rvfc, f.decoded].filter((t): t is number => t !== null)
  return times.length > 0 ? Math.min(...times) : null
}

export interface FramePair {
  viewer: BenchPage
  name: string
}

/**
 * Waits until every viewer has seen a frame of its `name`, for at most `timeoutMs`; returns the
 * frame times (page Date.now()) in order, null for a pair that never got one.
 */
export async function waitForFrames(
  pairs: readonly FramePair[],
  timeoutMs: number,
): Promise<(number | null)[]> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const records = new Map<BenchPage, PageRecord>()
    for (const { viewer } of pairs) {
      if (!records.has(viewer)) records.set(viewer, await record(viewer.page))
    }
    const times = pairs.map(({ viewer, name }) => {
      const r = records.get(viewer)
      return r ? frameAt(r, name) : null
    })
    if (times.every((t) => t !== null) || Date.now() > until) return times
    await sleep(READ_EVERY_MS)
  }
}

/** The page-side time of the last click on a button labelled `label`, else null. */
export async function lastClick(page: Page, label: string): Promise<number | null> {
  const clicks = (await record(page)).clicks.filter((c) => c.label === label)
  return clicks.at(-1)?.at ?? null
}

export interface Member extends BenchPage {
  nickname: string
}

/** Lobby → device check, stopping there with the devices started (Join enabled). */
export async function toDeviceCheck(
  browser: Browser,
  url: string,
  nickname: string,
  room: string,
  timeoutMs: number,
): Promise<Member> {
  const bench = await newBenchPage(browser)
  const { page } = bench
  await page.goto(`${url}/?room=${encodeURIComponent(room)}`, { timeout: timeoutMs })
  await page.getByLabel('Your name').fill(nickname, { timeout: timeoutMs })
  await page.getByRole('button', { name: 'Continue' }).click({ timeout: timeoutMs })
  // A trial click waits until the button is enabled (devices started) without clicking it.
  await joinButton(page).click({ trial: true, timeout: timeoutMs })
  return { ...bench, nickname }
}

function joinButton(page: Page) {
  return page.getByRole('button', { name: 'Join', exact: true })
}

/** Clicks Join; returns the page's Date.now() when the click reached it. */
export async function clickJoin(member: Member, timeoutMs: number): Promise<number> {
  const before = Date.now()
  await joinButton(member.page).click({ timeout: timeoutMs })
  return (await lastClick(member.page, 'Join')) ?? before
}

/** Waits for the call screen (its Leave button). */
export async function waitInCall(member: Member, timeoutMs: number): Promise<void> {
  await member.page
    .getByRole('button', { name: 'Leave' })
    .waitFor({ state: 'visible', timeout: timeoutMs })
}

/** A member that joins and waits for the call screen. */
export async function joinMember(
  browser: Browser,
  url: string,
  nickname: string,
  room: string,
  timeoutMs: number,
): Promise<Member> {
  const member = await toDeviceCheck(browser, url, nickname, room, timeoutMs)
  await clickJoin(member, timeoutMs)
  await waitInCall(member, timeoutMs)
  return member
}
