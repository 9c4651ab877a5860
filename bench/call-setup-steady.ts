/**
 * The steady phase of a call: once every page of one set-up shows every remote video (and nothing
 * else is open in the browser), a warm-up, then a window over which it measures the frame rate each
 * page receives (inbound-rtp framesDecoded, through the wrapped connections) and the CPU time of
 * every browser process (a browser-level CDP session, SystemInfo.getProcessInfo), in cores.
 */
import type { Browser, CDPSession } from '@playwright/test'
import { sleep, type BenchPage } from './call-setup-browser.js'
import { inboundVideo, type InboundFrames } from './call-setup-rtc-page.js'
import { busyPercent, cpuSnapshot } from './machine-cpu.js'

export interface SteadyOptions {
  warmupMs: number
  windowMs: number
}

export interface SteadyResult {
  ok: boolean
  error?: string
  /** Length of the measured window, s (between the two CPU readings). */
  seconds: number
  /** Inbound videos measured, and how many a full mesh of these pages has. */
  streams: number
  expected: number
  /** Received frames per second: the median over the inbound videos, the lowest, and each. */
  fpsMedian: number
  fpsMin: number
  fps: number[]
  /** CPU of all browser processes over the window, in cores (1 = one core busy throughout). */
  cores: number
  /** The same by process type (browser, renderer, GPU, utility, …). */
  coresByType: Record<string, number>
  /** The whole machine over the window, % of one core (the bench's own process included). */
  machineCpuPercent: number
  /** Browser contexts open besides this call's pages (0: the browser held only this call). */
  otherContexts: number
  /** The median camera tile on these pages, CSS pixels (what the videos are scaled into). */
  tile: TileSize | null
  /** The smallest share of a camera tile's area inside its page's viewport (1: every tile shows
   * whole). The compositor draws only what shows, so a page whose tiles are off-screen looks cheap. */
  inView: number
}

export interface TileSize {
  width: number
  height: number
}

interface PageTile extends TileSize {
  /** Share of the tile's area inside the viewport, 0..1. */
  inView: number
}

/** The camera tiles on one page (app and bare pages both mark them `figure.tile.camera`). */
function cameraTiles(): PageTile[] {
  const g = globalThis as unknown as {
    document: { querySelectorAll(s: string): Iterable<Box> }
    innerWidth: number
    innerHeight: number
  }
  const overlap = (from: number, to: number, end: number) =>
    Math.max(0, Math.min(to, end) - Math.max(from, 0))
  return [...g.document.querySelectorAll('figure.tile.camera')].map((figure) => {
    const { left, top, right, bottom, width, height } = figure.getBoundingClientRect()
    const shown = overlap(left, right, g.innerWidth) * overlap(top, bottom, g.innerHeight)
    return {
      width: Math.round(width),
      height: Math.round(height),
      inView: width * height > 0 ? shown / (width * height) : 0,
    }
  })
}

interface Box {
  getBoundingClientRect(): {
    left: number
    top: number
    right: number
    bottom: number
    width: number
    height: number
  }
}

async function tilesOf(
  pages: readonly BenchPage[],
): Promise<Pick<SteadyResult, 'tile' | 'inView'>> {
  const tiles = (await Promise.all(pages.map(({ page }) => page.evaluate(cameraTiles)))).flat()
  const area = (t: TileSize) => t.width * t.height
  const median = tiles.sort((a, b) => area(a) - area(b))[Math.floor(tiles.length / 2)]
  return {
    tile: median ? { width: median.width, height: median.height } : null,
    inView: Math.min(1, ...tiles.map((t) => t.inView)),
  }
}

interface ProcessInfo {
  type: string
  id: number
  cpuTime: number
}

async function processCpu(session: CDPSession): Promise<ProcessInfo[]> {
  const info = await session.send('SystemInfo.getProcessInfo')
  return info.processInfo
}

/** CPU seconds each process type used between two readings (a process new since counts whole). */
function cpuSince(before: ProcessInfo[], after: ProcessInfo[]): Record<string, number> {
  const was = new Map(before.map((p) => [p.id, p.cpuTime]))
  const used: Record<string, number> = {}
  for (const p of after) used[p.type] = (used[p.type] ?? 0) + p.cpuTime - (was.get(p.id) ?? 0)
  return used
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function readFrames(pages: readonly BenchPage[]): Promise<InboundFrames[][]> {
  return Promise.all(pages.map(({ page }) => page.evaluate(inboundVideo)))
}

/** Per inbound video seen in both readings (of the same page): frames decoded per second. */
function rates(before: InboundFrames[][], after: InboundFrames[][]): number[] {
  return after.flatMap((streams, i) => {
    const was = new Map((before[i] ?? []).map((s) => [s.key, s]))
    return streams.flatMap((s) => {
      const w = was.get(s.key)
      return w && s.at > w.at ? [((s.frames - w.frames) * 1000) / (s.at - w.at)] : []
    })
  })
}

/** A steady phase counts only if every camera tile showed (nearly) whole: like with like. */
const IN_VIEW = 0.99

/** Measures the steady call held by `pages` (all of one call, n × (n − 1) inbound videos). */
export async function measureSteady(
  browser: Browser,
  pages: readonly BenchPage[],
  o: SteadyOptions,
): Promise<SteadyResult> {
  const expected = pages.length * (pages.length - 1)
  const session = await browser.newBrowserCDPSession()
  try {
    await sleep(o.warmupMs)
    const [framesBefore, cpuBefore] = await Promise.all([readFrames(pages), processCpu(session)])
    const machineBefore = cpuSnapshot()
    const t0 = Date.now()
    await sleep(o.windowMs)
    const [framesAfter, cpuAfter] = await Promise.all([readFrames(pages), processCpu(session)])
    const seconds = (Date.now() - t0) / 1000
    const machineCpuPercent = busyPercent(machineBefore, cpuSnapshot())
    const fps = rates(framesBefore, framesAfter).sort((a, b) => a - b)
    const used = cpuSince(cpuBefore, cpuAfter)
    const coresByType = Object.fromEntries(
      Object.entries(used).map(([type, s]) => [type, s / seconds]),
    )
    const cores = Object.values(coresByType).reduce((a, b) => a + b, 0)
    const tiles = await tilesOf(pages)
    const error =
      fps.length !== expected
        ? `${fps.length} of ${expected} videos measured`
        : tiles.inView < IN_VIEW
          ? `a camera tile was partly off-screen (${Math.round(tiles.inView * 100)}% of it showed)`
          : null
    return {
      ok: error === null,
      ...(error === null ? {} : { error }),
      seconds,
      streams: fps.length,
      expected,
      fpsMedian: median(fps),
      fpsMin: fps[0] ?? NaN,
      fps,
      cores,
      coresByType,
      machineCpuPercent,
      otherContexts: browser.contexts().length - pages.length,
      ...tiles,
    }
  } finally {
    await session.detach().catch(() => undefined)
  }
}
