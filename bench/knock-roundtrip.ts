/**
 * A knock's round trip through the real UI: a host sits in a room created with "Ask to join"; a
 * knocker clicks Join (t0); the host's page shows the knock (t1); the host clicks Admit (t2); the
 * knocker's page shows the host's first remote frame (t3). All times are page Date.now() on one
 * machine. Runs stay under the server's knocks-per-address limit (every page is 127.0.0.1 here).
 *
 *   npx electron-vite build && npx tsx bench/knock-roundtrip.ts [runs]
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser } from '@playwright/test'
import { LIMITS } from '../protocol/index.js'
import { createRendezvousServer } from '../server/index.js'
import {
  clickJoin,
  closeAll,
  lastClick,
  launch,
  newBenchPage,
  toDeviceCheck,
  waitForFrames,
  waitInCall,
  type Member,
} from './call-setup-browser.js'
import { summarize } from './stats.js'

const staticDir = resolve(import.meta.dirname, '../out/renderer')
const TIMEOUT_MS = 30_000

interface KnockRun {
  /** Join click → the knock shown on the host's page. */
  hostSees: number
  /** Admit click → the knocker's first frame of the host. */
  admittedToFrame: number
  /** Join click → that frame: the whole round trip, the host's reaction time included. */
  total: number
}

/** The host: lobby with "Ask to join" ticked, device check, call. */
async function host(browser: Browser, url: string, room: string): Promise<Member> {
  const bench = await newBenchPage(browser)
  const { page } = bench
  await page.goto(`${url}/?room=${encodeURIComponent(room)}`)
  await page.getByLabel('Your name').fill('Host')
  await page.getByRole('button', { name: 'More options' }).click()
  await page.getByRole('checkbox', { name: /^Ask to join/ }).check()
  await page.getByRole('button', { name: 'Continue' }).click()
  const member = { ...bench, nickname: 'Host' }
  await clickJoin(member, TIMEOUT_MS)
  await waitInCall(member, TIMEOUT_MS)
  return member
}

async function oneRun(browser: Browser, url: string, n: number): Promise<KnockRun> {
  const room = `knock-${n}`
  const hostMember = await host(browser, url, room)
  const knocker = await toDeviceCheck(browser, url, 'Knocker', room, TIMEOUT_MS)
  try {
    const admit = hostMember.page.getByRole('button', { name: 'Admit Knocker' })
    const seen = admit
      .waitFor({ state: 'visible', timeout: TIMEOUT_MS })
      .then(() => hostMember.page.evaluate(() => Date.now()))
    const t0 = await clickJoin(knocker, TIMEOUT_MS)
    const t1 = await seen
    await admit.click()
    const t2 = (await lastClick(hostMember.page, 'Admit Knocker')) ?? t1
    const [t3] = await waitForFrames([{ viewer: knocker, name: 'Host' }], TIMEOUT_MS)
    if (t3 === null || t3 === undefined) throw new Error('no frame of the host after admission')
    return { hostSees: t1 - t0, admittedToFrame: t3 - t2, total: t3 - t0 }
  } finally {
    await closeAll([hostMember, knocker])
  }
}

async function main(): Promise<void> {
  const runs = Math.min(Number(process.argv[2] ?? 8), LIMITS.knocksPerAddressPerMinute - 1)
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    console.error(
      `knock-roundtrip: no built renderer in ${staticDir}; run \`npx electron-vite build\``,
    )
    process.exit(1)
  }
  const server = createRendezvousServer({
    host: '127.0.0.1',
    port: 0,
    staticDir,
    logLevel: 'silent',
    maxConnectionsPerAddress: 0,
    // One address for every member: only the knocks per address are left to count.
    rateLimits: {
      perAddress: { joins: { points: 0, seconds: 60 }, connections: { points: 0, seconds: 60 } },
    },
  })
  const { url } = await server.listen()
  const browser = await launch()
  const results: KnockRun[] = []
  try {
    for (let n = 0; n < runs; n++) results.push(await oneRun(browser, url, n))
  } finally {
    await browser.close()
    await server.close()
  }
  const pick = (key: keyof KnockRun) => summarize(results.map((r) => r[key]))
  console.log(
    JSON.stringify(
      {
        bench: 'knock-roundtrip',
        runs: results.length,
        hostSeesMs: pick('hostSees'),
        admittedToFirstFrameMs: pick('admittedToFrame'),
        totalMs: pick('total'),
      },
      null,
      2,
    ),
  )
}

await main()
