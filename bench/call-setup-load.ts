/**
 * The renderer's load: bytes a fresh browser downloads to reach a call, and the cold start of the
 * lobby. Each measurement uses a fresh context: an empty cache, no service worker, no cookies.
 */
import type { Browser, Request } from '@playwright/test'
import {
  clickJoin,
  closeAll,
  newBenchPage,
  sleep,
  waitInCall,
  type BenchPage,
} from './call-setup-browser.js'
import { lobbyBreakdown, readRecord, type LobbyBreakdown } from './call-setup-page.js'
import type { Tap } from './call-setup-tap.js'

export interface Download {
  url: string
  type: string
  status: number
  encoding: string
  /** Bytes on the wire: response headers + body as sent (gzipped when the server gzipped it). */
  transfer: number
  /** Body bytes after decoding. */
  decoded: number
}

export interface BytesResult {
  ok: boolean
  error?: string
  downloads: Download[]
  /** Sums of `transfer` by resource type (document, script, stylesheet, font, image, other). */
  byType: Record<string, number>
  total: number
  totalDecoded: number
  /** The page's own sum of transferSize (Resource Timing, navigation included), as a cross-check. */
  resourceTiming: number | null
}

/** Sum of transferSize over navigation and resource entries, read in the page. */
function pageTransferSum(): number {
  const g = globalThis as unknown as {
    performance: { getEntriesByType(type: string): { transferSize?: number }[] }
  }
  return ['navigation', 'resource']
    .flatMap((type) => g.performance.getEntriesByType(type))
    .reduce((sum, e) => sum + (e.transferSize ?? 0), 0)
}

async function download(request: Request): Promise<Download | null> {
  const response = await request.response()
  if (!response) return null
  const sizes = await request.sizes()
  const body = await response.body().catch(() => Buffer.alloc(0))
  return {
    url: request.url(),
    type: request.resourceType(),
    status: response.status(),
    encoding: (await response.headerValue('content-encoding')) ?? 'identity',
    transfer: sizes.responseHeadersSize + sizes.responseBodySize,
    decoded: body.length,
  }
}

/** Lobby → device check → call in one fresh context, counting every HTTP response on the way. */
export async function measureBytes(
  browser: Browser,
  url: string,
  timeoutMs: number,
): Promise<BytesResult> {
  const bench = await newBenchPage(browser)
  const pending: Promise<Download | null>[] = []
  bench.page.on('requestfinished', (request) => pending.push(download(request).catch(() => null)))
  const result: BytesResult = {
    ok: false,
    downloads: [],
    byType: {},
    total: 0,
    totalDecoded: 0,
    resourceTiming: null,
  }
  try {
    const { page } = bench
    const room = `bench-bytes-${Math.random().toString(36).slice(2, 8)}`
    await page.goto(`${url}/?room=${room}`, { timeout: timeoutMs })
    await page.getByLabel('Your name').fill('Eve', { timeout: timeoutMs })
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: timeoutMs })
    await clickJoin({ ...bench, nickname: 'Eve' }, timeoutMs)
    await waitInCall({ ...bench, nickname: 'Eve' }, timeoutMs)
    // Anything the call screen loads lazily has a moment to arrive.
    await sleep(1500)
    result.resourceTiming = await page.evaluate(pageTransferSum)
    result.ok = true
  } catch (err) {
    result.error = String(err)
  } finally {
    result.downloads = (await Promise.all(pending)).filter((d): d is Download => d !== null)
    await closeAll([bench])
  }
  for (const d of result.downloads) {
    result.byType[d.type] = (result.byType[d.type] ?? 0) + d.transfer
    result.total += d.transfer
    result.totalDecoded += d.decoded
  }
  return result
}

export interface ColdStart {
  ok: boolean
  error?: string
  /** In-page: navigation start → the name field usable and the room list connected, ms. */
  interactive: number | null
  /** Bench-side: page.goto called → the same moment (page's timeOrigin + interactiveAt), ms. */
  fromGoto: number | null
  breakdown: LobbyBreakdown | null
  /** When the server accepted the lobby's connection and got its rooms:watch, on the page's clock. */
  server: { connected: number | null; watchReceived: number | null }
}

/** One cold load of the lobby in a fresh context. */
export async function coldStart(
  browser: Browser,
  url: string,
  tap: Tap,
  timeoutMs: number,
): Promise<ColdStart> {
  const pages: BenchPage[] = []
  const server: ColdStart['server'] = { connected: null, watchReceived: null }
  try {
    const bench = await newBenchPage(browser)
    pages.push(bench)
    const gotoAt = Date.now()
    await bench.page.goto(`${url}/`, { timeout: timeoutMs })
    const until = Date.now() + timeoutMs
    while ((await bench.page.evaluate(readRecord))?.lobby.interactiveAt == null) {
      if (Date.now() > until) throw new Error('the lobby did not become interactive')
      await sleep(25)
    }
    const breakdown = await bench.page.evaluate(lobbyBreakdown)
    const interactive = breakdown.interactiveAt
    // Only this page talks to the server now: its first connection and watch after the goto.
    const after = tap.events.filter((e) => e.at >= gotoAt)
    const onPage = (at: number | undefined) => (at === undefined ? null : at - breakdown.timeOrigin)
    server.connected = onPage(after.find((e) => e.dir === 'connect')?.at)
    server.watchReceived = onPage(after.find((e) => e.event === 'rooms:watch')?.at)
    return {
      ok: true,
      interactive,
      fromGoto: interactive === null ? null : breakdown.timeOrigin + interactive - gotoAt,
      breakdown,
      server,
    }
  } catch (err) {
    return {
      ok: false,
      error: String(err),
      interactive: null,
      fromGoto: null,
      breakdown: null,
      server,
    }
  } finally {
    await closeAll(pages)
  }
}
