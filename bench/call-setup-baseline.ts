/**
 * The bare floor's set-ups: n pages of the bench's relay (call-setup-relay.ts), each in a fresh
 * context with camera and microphone already open, joining as the app's members do (the first
 * n − 1 in turn, then the timed newcomer), timed by the same code as the app (call-setup-mesh.ts).
 */
import type { Browser } from '@playwright/test'
import { NAMES } from './call-setup-app.js'
import {
  APP_AUDIO,
  APP_VIDEO,
  baselineErrors,
  installBaseline,
  startBaseline,
} from './call-setup-baseline-page.js'
import { closeAll, newBenchPage, within, type Member } from './call-setup-browser.js'
import { runMesh, type SetupHooks, type SetupRun } from './call-setup-mesh.js'
import type { BaselineServer } from './call-setup-relay.js'
import type { ServerPhases } from './call-setup-tap.js'

export interface BarePage extends Member {
  id: string
}

/** A fresh context on the relay's page, with its camera, microphone and relay open. */
async function barePage(
  browser: Browser,
  url: string,
  id: string,
  nickname: string,
  names: Record<string, string>,
  timeoutMs: number,
): Promise<BarePage> {
  const bench = await newBenchPage(browser)
  const config = { self: id, nickname, names, audio: APP_AUDIO, video: APP_VIDEO }
  try {
    await bench.page.goto(`${url}/`, { timeout: timeoutMs })
    await within(bench.page.evaluate(installBaseline, config), timeoutMs, 'bare page')
    return { ...bench, id, nickname }
  } catch (err) {
    await closeAll([bench])
    throw err
  }
}

function start(page: BarePage, others: readonly BarePage[]): Promise<number> {
  return page.page.evaluate(
    startBaseline,
    others.map((o) => o.id),
  )
}

/** Where the set-up stood at the relay: the joiner's hello, the first offer to it, its answer. */
function relayPhases(
  relay: BaselineServer,
  from: number,
  at: number,
  joiner: string,
): ServerPhases {
  const events = relay.events.slice(from).filter((e) => e.at >= at)
  const first = (kind: string, match: (peer: { from: string; to: string }) => boolean) => {
    const e = events.find((x) => x.kind === kind && match(x))
    return e ? e.at - at : null
  }
  return {
    connected: null,
    joinReceived: first('hello', (e) => e.from === joiner),
    peerJoinedSent: null,
    offerReceived: first('offer', (e) => e.to === joiner),
    answerReceived: first('answer', (e) => e.from === joiner),
    signals: events.length,
  }
}

/** One bare set-up of `size` pages; `settleMs` lets the newcomer's camera run first. */
export function runBare(
  browser: Browser,
  relay: BaselineServer,
  size: number,
  run: number,
  settleMs: number,
  timeoutMs: number,
  hooks: SetupHooks<BarePage> = {},
): Promise<SetupRun> {
  const ids = NAMES.slice(0, size).map((_, i) => `r${run}-${size}-${i}`)
  const names = Object.fromEntries(ids.map((id, i) => [id, NAMES[i] ?? id]))
  const open = (i: number) =>
    barePage(browser, relay.url, ids[i]!, names[ids[i]!]!, names, timeoutMs)
  const early: BarePage[] = []
  let from = 0
  return runMesh(
    {
      size,
      settleMs,
      timeoutMs,
      early: async (into) => {
        for (let i = 0; i < size - 1; i++) {
          const page = await open(i)
          into.push(page)
          // Each page joins those before it, as the app's members do one after another.
          if (early.length > 0) await start(page, early)
          early.push(page)
        }
      },
      joiner: async () => {
        const joiner = await open(size - 1)
        from = relay.events.length
        return joiner
      },
      start: (joiner) => start(joiner, early),
      phases: (at, joiner) => relayPhases(relay, from, at, joiner.id),
      errors: async (pages) =>
        (await Promise.all(pages.map((p) => p.page.evaluate(baselineErrors)))).flat(),
    },
    hooks,
  )
}
