/**
 * Call set-up bench: the renderer and call budgets of DESIGN.md ("Budgets"), measured in one run in
 * Debian's Chromium with fake devices against an in-process rendezvous server. See bench/README.md.
 *
 *   npx tsx bench/call-setup.ts                      # 10 runs of each (~3–5 min on two cores)
 *   npx tsx bench/call-setup.ts --runs 5 --runs4 3   # fewer
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from '@playwright/test'
import { createRendezvousServer, type RendezvousServer } from '../server/index.js'
import { measureMutes, runSetup, type AppContext } from './call-setup-app.js'
import { runBaseline, startBaselineServer, type BaselineServer } from './call-setup-baseline.js'
import { CHROMIUM, CHROMIUM_ARGS, launch } from './call-setup-browser.js'
import { coldStart, measureBytes } from './call-setup-load.js'
import {
  checkBudgets,
  printBudgets,
  printReport,
  writeResults,
  type Results,
} from './call-setup-report.js'
import { tapServer } from './call-setup-tap.js'
import { blockedSummary, printBlocked, printTimeline, timeline } from './call-setup-timeline.js'
import { busyPercent, cpuSnapshot } from './machine-cpu.js'
import { machine } from './report.js'

/** Every member comes from 127.0.0.1 here: a per-address window of 0 points counts nothing. */
const OFF = { points: 0, seconds: 60 }

interface Options {
  runs: number
  runs4: number
  coldRuns: number
  mutes: number
  settleMs: number
  stepTimeoutMs: number
  timeoutSeconds: number
}

const staticDir = resolve(import.meta.dirname, '../out/renderer')

function count(name: string, text: string, min: number): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} wants an integer ≥ ${min}`)
  return n
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '10' },
      runs4: { type: 'string' },
      'cold-runs': { type: 'string' },
      mutes: { type: 'string', default: '2' },
      settle: { type: 'string', default: '1000' },
      'step-timeout': { type: 'string', default: '30' },
      timeout: { type: 'string', default: '1200' },
    },
  })
  const runs = count('runs', values.runs, 1)
  return {
    runs,
    runs4: count('runs4', values.runs4 ?? String(runs), 0),
    coldRuns: count('cold-runs', values['cold-runs'] ?? String(runs), 0),
    mutes: count('mutes', values.mutes, 0),
    settleMs: count('settle', values.settle, 0),
    stepTimeoutMs: count('step-timeout', values['step-timeout'], 1) * 1000,
    timeoutSeconds: count('timeout', values.timeout, 1),
  }
}

/** Set when the overall timeout has fired: loops stop and nothing is reported. */
let aborted = false

const log = (line: string): void => console.log(line)
const ms = (n: number | null): string => (n === null ? '–' : `${Math.round(n)} ms`)

async function measure(ctx: AppContext, relay: BaselineServer, o: Options): Promise<Results> {
  const { browser, url, timeoutMs } = ctx
  const results: Results = { baseline: [], two: [], four: [], mutes: [], bytes: null, cold: [] }

  // One load first, not counted: the server reads and gzips its files on the first request.
  await coldStart(browser, url, ctx.tap, timeoutMs)
  for (let i = 0; i < o.coldRuns && !aborted; i++) {
    const r = await coldStart(browser, url, ctx.tap, timeoutMs)
    results.cold.push(r)
    log(`cold start ${i + 1}/${o.coldRuns}: ${r.ok ? ms(r.interactive) : r.error}`)
  }
  results.bytes = await measureBytes(browser, url, timeoutMs)
  log(`bytes to reach a call: ${results.bytes.ok ? results.bytes.total : results.bytes.error}`)

  // Baseline and app runs alternate, so a change in the machine's load touches both alike.
  for (let i = 0; i < o.runs && !aborted; i++) {
    const base = await runBaseline(browser, relay, i, ctx.settleMs, timeoutMs)
    results.baseline.push(base)
    const two = await runSetup(ctx, 2, i, async ([ann, bob]) => {
      if (ann && bob) results.mutes.push(await measureMutes(ann, bob, o.mutes))
    })
    results.two.push(two)
    log(
      `run ${i + 1}/${o.runs}: bare ${base.ok ? ms(base.bothSides) : base.error}, ` +
        `app 2 ${two.ok ? ms(two.allSides) : two.error}`,
    )
  }
  for (let i = 0; i < o.runs4 && !aborted; i++) {
    const four = await runSetup(ctx, 4, i)
    results.four.push(four)
    log(`4 members ${i + 1}/${o.runs4}: ${four.ok ? ms(four.allSides) : four.error}`)
  }
  return results
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    console.error(`call-setup: no built renderer in ${staticDir}; run \`npx electron-vite build\``)
    process.exit(1)
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`call-setup: no Chromium at ${CHROMIUM}`)
    process.exit(1)
  }

  let server: RendezvousServer | null = null
  let relay: BaselineServer | null = null
  let browser: Browser | null = null
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined)
    await relay?.close().catch(() => undefined)
    await server?.close().catch(() => undefined)
  }
  // The whole run is bounded: past the timeout, everything this bench started is closed.
  const overall = setTimeout(() => {
    console.error(`call-setup: overall timeout of ${options.timeoutSeconds} s reached`)
    aborted = true
    setTimeout(() => process.exit(2), 5000).unref()
    void cleanup().finally(() => process.exit(2))
  }, options.timeoutSeconds * 1000)
  overall.unref()

  const startedAt = new Date().toISOString()
  const cpuBefore = cpuSnapshot()
  try {
    server = createRendezvousServer({
      host: '127.0.0.1',
      port: 0,
      staticDir,
      logLevel: 'silent',
      // Every member comes from 127.0.0.1 here; in real use each has its own address.
      maxConnectionsPerAddress: 0,
      rateLimits: { perAddress: { joins: OFF, connections: OFF } },
    })
    const tap = tapServer(server)
    const { url } = await server.listen()
    relay = await startBaselineServer()
    browser = await launch()
    log(`call-setup: server ${url}, bare WebRTC page ${relay.url}, Chromium ${browser.version()}`)
    const ctx: AppContext = {
      browser,
      url,
      tap,
      settleMs: options.settleMs,
      timeoutMs: options.stepTimeoutMs,
    }
    const results = await measure(ctx, relay, options)
    if (aborted) return
    const machineCpuPercent = busyPercent(cpuBefore, cpuSnapshot())
    const checks = checkBudgets(results)
    const steps = timeline(results)
    const blocked = blockedSummary(results)
    printReport(results)
    printTimeline(steps)
    printBlocked(blocked)
    printBudgets(checks)
    log(`machine CPU during the run (all processes): ${machineCpuPercent.toFixed(0)} % of one core`)
    const path = await writeResults({
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { ...machine(), cpuPercentDuringRun: machineCpuPercent },
      chromium: { path: CHROMIUM, version: browser.version(), args: CHROMIUM_ARGS },
      options,
      budgets: checks,
      timeline: steps,
      blocked,
      results,
    })
    log(`results written to ${path}`)
  } finally {
    clearTimeout(overall)
    await cleanup()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
