/**
 * The order of a call-setup run: one uncounted load, the cold starts, the bytes, then app and bare
 * set-ups alternating (two, then four), the steady phase after the first `steadyRuns` of each kind
 * (the bare pages' tiles sized as the app's were), and last the uncounted profiled set-ups.
 */
import type { Browser } from '@playwright/test'
import { measureMutes, runSetup, type AppContext } from './call-setup-app.js'
import { runBare } from './call-setup-baseline.js'
import { sizeTiles } from './call-setup-baseline-page.js'
import type { Member } from './call-setup-browser.js'
import { coldStart, measureBytes } from './call-setup-load.js'
import type { SetupHooks, SetupRun } from './call-setup-mesh.js'
import type { BaselineServer } from './call-setup-relay.js'
import type { ScriptFile } from './call-setup-profile.js'
import { measureSteady, type SteadyOptions } from './call-setup-steady.js'
import { profileHooks } from './call-setup-trace.js'
import type { Results } from './call-setup-verdicts.js'

export interface RunOptions {
  runs: number
  runs4: number
  coldRuns: number
  mutes: number
  steadyRuns: number
  steady: SteadyOptions
  profileRuns: number
  /** Where the profiles go, and where a served script is on disk. */
  profileDir: string
  scriptFile: ScriptFile
}

export interface RunControl {
  /** True once the overall timeout fired: loops stop. */
  aborted(): boolean
  log(line: string): void
}

const ms = (n: number | null): string => (n === null ? '–' : `${Math.round(n)} ms`)
const said = (r: SetupRun): string => (r.ok ? ms(r.allSides) : (r.error ?? 'failed'))

/** `a`'s hooks, then `b`'s. */
function chain<M extends Member>(a: SetupHooks<M>, b: SetupHooks<M>): SetupHooks<M> {
  return {
    beforeStart: async (members) => {
      await a.beforeStart?.(members)
      await b.beforeStart?.(members)
    },
    inCall: async (members, run, start) => {
      await a.inCall?.(members, run, start)
      await b.inCall?.(members, run, start)
    },
  }
}

export async function measure(
  ctx: AppContext,
  relay: BaselineServer,
  o: RunOptions,
  c: RunControl,
): Promise<Results> {
  const { browser, url, timeoutMs, settleMs } = ctx
  const results: Results = {
    bare2: [],
    two: [],
    bare4: [],
    four: [],
    profiled: [],
    mutes: [],
    bytes: null,
    cold: [],
  }

  // One load first, not counted: the server reads and gzips its files on the first request.
  await coldStart(browser, url, ctx.tap, timeoutMs)
  for (let i = 0; i < o.coldRuns && !c.aborted(); i++) {
    const r = await coldStart(browser, url, ctx.tap, timeoutMs)
    results.cold.push(r)
    c.log(`cold start ${i + 1}/${o.coldRuns}: ${r.ok ? ms(r.interactive) : r.error}`)
  }
  results.bytes = await measureBytes(browser, url, timeoutMs)
  c.log(`bytes to reach a call: ${results.bytes.ok ? results.bytes.total : results.bytes.error}`)

  // The bare pages of a steady phase show their videos at the size the app just showed them: the
  // GPU's scaling of 720p into larger tiles is not the app's overhead.
  const steady = <M extends Member>(i: number, like?: SetupRun): SetupHooks<M> => {
    if (i >= o.steadyRuns) return {}
    const tile = like?.steady?.tile
    return {
      inCall: async (members, run) => {
        if (tile) await Promise.all(members.map((m) => m.page.evaluate(sizeTiles, tile)))
        run.steady = await steadyOf(browser, members)
      },
    }
  }
  const steadyOf = (b: Browser, members: Member[]) => measureSteady(b, members, o.steady)
  const steadyNote = (r: SetupRun): string =>
    r.steady
      ? `, steady ${r.steady.fpsMedian.toFixed(1)} fps ${r.steady.cores.toFixed(2)} cores`
      : ''
  const mutes: SetupHooks<Member> = {
    inCall: async ([ann, bob]) => {
      if (ann && bob) results.mutes.push(await measureMutes(ann, bob, o.mutes))
    },
  }

  // App and bare runs alternate, so a change in the machine's load touches both alike.
  for (const [size, runs] of [
    [2, o.runs],
    [4, o.runs4],
  ] as const) {
    for (let i = 0; i < runs && !c.aborted(); i++) {
      // The app first: the bare pages' steady phase takes its tile size.
      const app = await runSetup(ctx, size, i, size === 2 ? chain(mutes, steady(i)) : steady(i))
      const bare = await runBare(browser, relay, size, i, settleMs, timeoutMs, steady(i, app))
      ;(size === 2 ? results.bare2 : results.bare4).push(bare)
      ;(size === 2 ? results.two : results.four).push(app)
      c.log(
        `${size} pages, run ${i + 1}/${runs}: bare ${said(bare)}${steadyNote(bare)}, ` +
          `app ${said(app)}${steadyNote(app)}`,
      )
    }
  }

  // Profiled set-ups come last and are not counted: the profiler slows the pages it samples.
  for (let i = 0; i < o.profileRuns && !c.aborted(); i++) {
    for (const size of [2, 4]) {
      const hooks = (kind: string) => profileHooks<Member>(kind, o.profileDir, o.scriptFile)
      const bare = await runBare(
        browser,
        relay,
        size,
        100 + i,
        settleMs,
        timeoutMs,
        hooks(`bare-${size}`),
      )
      const app = await runSetup(ctx, size, 100 + i, hooks(`app-${size}`))
      results.profiled.push(bare, app)
      c.log(`profiled ${size} pages: bare ${said(bare)}, app ${said(app)}`)
    }
  }
  return results
}
