/**
 * Call set-up bench: the renderer and call budgets of DESIGN.md ("Budgets"), measured in one run in
 * Debian's Chromium with fake devices against an in-process rendezvous server, each figure against
 * the bare floor measured in the same run. See bench/README.md.
 *
 *   npx tsx bench/call-setup.ts                          # the defaults (~8 min on two cores)
 *   npx tsx bench/call-setup.ts --runs 3 --runs4 2 --steady-runs 1 --profile 0   # a quick look
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from '@playwright/test'
import { createRendezvousServer, type RendezvousServer } from '../server/index.js'
import { CHROMIUM, CHROMIUM_ARGS, launch } from './call-setup-browser.js'
import { startBaselineServer, type BaselineServer } from './call-setup-relay.js'
import {
  printBudgets,
  printReport,
  resultsDir,
  runStamp,
  writeResults,
} from './call-setup-report.js'
import { measure, type RunOptions } from './call-setup-run.js'
import { tapServer } from './call-setup-tap.js'
import { blockedSummary, printBlocked, printTimeline, timeline } from './call-setup-timeline.js'
import { printProfiles } from './call-setup-trace.js'
import { checkBudgets } from './call-setup-verdicts.js'
import { busyPercent, cpuSnapshot } from './machine-cpu.js'
import { machine } from './report.js'

/** Every member comes from 127.0.0.1 here: a per-address window of 0 points counts nothing. */
const OFF = { points: 0, seconds: 60 }

interface Options extends Omit<RunOptions, 'profileDir' | 'scriptFile'> {
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
  const { values: v } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '10' },
      runs4: { type: 'string', default: '6' },
      'cold-runs': { type: 'string' },
      mutes: { type: 'string', default: '2' },
      'steady-runs': { type: 'string', default: '3' },
      warmup: { type: 'string', default: '5' },
      window: { type: 'string', default: '15' },
      profile: { type: 'string', default: '1' },
      settle: { type: 'string', default: '1000' },
      'step-timeout': { type: 'string', default: '30' },
      timeout: { type: 'string', default: '1200' },
    },
  })
  const runs = count('runs', v.runs, 1)
  return {
    runs,
    runs4: count('runs4', v.runs4, 0),
    coldRuns: count('cold-runs', v['cold-runs'] ?? String(runs), 0),
    mutes: count('mutes', v.mutes, 0),
    steadyRuns: count('steady-runs', v['steady-runs'], 0),
    steady: {
      warmupMs: count('warmup', v.warmup, 0) * 1000,
      windowMs: count('window', v.window, 1) * 1000,
    },
    profileRuns: count('profile', v.profile, 0),
    settleMs: count('settle', v.settle, 0),
    stepTimeoutMs: count('step-timeout', v['step-timeout'], 1) * 1000,
    timeoutSeconds: count('timeout', v.timeout, 1),
  }
}

/** Set when the overall timeout has fired: loops stop and nothing is reported. */
let aborted = false

const log = (line: string): void => console.log(line)

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

  const stamp = runStamp()
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
    log(`call-setup: server ${url}, bare floor ${relay.url}, Chromium ${browser.version()}`)
    const ctx = {
      browser,
      url,
      tap,
      settleMs: options.settleMs,
      timeoutMs: options.stepTimeoutMs,
    }
    const scriptFile = (script: string): string | null =>
      script.startsWith(`${url}/`) ? join(staticDir, new URL(script).pathname) : null
    const profileDir = `${resultsDir()}call-setup-${stamp}`
    const results = await measure(
      ctx,
      relay,
      { ...options, profileDir, scriptFile },
      { aborted: () => aborted, log },
    )
    if (aborted) return
    const machineCpuPercent = busyPercent(cpuBefore, cpuSnapshot())
    const checks = checkBudgets(results)
    const steps = timeline(results)
    const blocked = blockedSummary(results)
    printReport(results)
    printTimeline(results, steps)
    printBlocked(results, blocked)
    printProfiles(results.profiled)
    printBudgets(checks)
    log(`machine CPU during the run (all processes): ${machineCpuPercent.toFixed(0)} % of one core`)
    const path = await writeResults(stamp, {
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
