/**
 * Server load bench: for each size N, N members join rooms of 2–4 on a fresh server child, then
 * 1,000 of them signal a roommate every second while everyone chats every ten seconds; the figures
 * are judged against the server budgets of DESIGN.md. See bench/README.md.
 *
 *   npm run bench:server-load -- --sizes 1000,5000 --workers 2 --steady 20
 *   npm run bench:server-load -- --sizes 5000 --server-flags="--cpu-prof --cpu-prof-dir=/tmp/prof"
 */
import { parseArgs } from 'node:util'
import { checkBudgets } from './budgets.js'
import { killAll } from './children.js'
import { machine, printReport, writeResults } from './report.js'
import { runSize, type ScenarioOptions } from './scenario.js'
import type { SizeResult } from './size-result.js'

interface Options extends ScenarioOptions {
  sizes: number[]
  timeoutSeconds: number
}

function positive(name: string, text: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} wants a positive integer, not ${text}`)
  return n
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,5000,10000' },
      workers: { type: 'string', default: '2' },
      talkers: { type: 'string', default: '1000' },
      steady: { type: 'string', default: '20' },
      'connect-concurrency': { type: 'string', default: '50' },
      'join-window': { type: 'string', default: '200' },
      timeout: { type: 'string', default: '600' },
      'server-flags': { type: 'string', default: '' },
    },
  })
  const sizes = values.sizes.split(',').map((s) => positive('sizes', s.trim()))
  if (sizes.some((n) => n < 2)) throw new Error('--sizes: every size needs at least 2 members')
  return {
    sizes: sizes.sort((a, b) => a - b),
    workers: positive('workers', values.workers),
    talkers: positive('talkers', values.talkers),
    steadySeconds: positive('steady', values.steady),
    connectConcurrency: positive('connect-concurrency', values['connect-concurrency']),
    joinWindow: positive('join-window', values['join-window']),
    timeoutSeconds: positive('timeout', values.timeout),
    serverFlags: values['server-flags'].split(' ').filter(Boolean),
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  // The whole run is bounded: past the timeout, children are killed and the bench exits non-zero.
  const overall = setTimeout(() => {
    console.error(`server-load: overall timeout of ${options.timeoutSeconds} s reached`)
    killAll()
    process.exit(2)
  }, options.timeoutSeconds * 1000)
  overall.unref()

  const startedAt = new Date().toISOString()
  const results: SizeResult[] = []
  for (const size of options.sizes) results.push(await runSize(size, options))
  const checks = checkBudgets(results)
  printReport(results, checks)
  const path = await writeResults({
    startedAt,
    machine: machine(),
    options,
    results,
    budgets: checks,
  })
  console.log(`results written to ${path}`)
  clearTimeout(overall)
}

process.on('exit', killAll)
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    killAll()
    process.exit(code)
  })
}

main().catch((err: unknown) => {
  console.error('server-load failed:', err instanceof Error ? err.message : err)
  killAll()
  process.exitCode = 1
})
