/**
 * The baseline: a tiny HTTP server on 127.0.0.1 (one page, and a signalling relay of Server-Sent
 * Events in and POSTs out) and the bare exchange between two of its pages, timed like the app's.
 */
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from '@playwright/test'
import type { Steps } from './call-setup-app.js'
import {
  APP_AUDIO,
  APP_VIDEO,
  BASELINE_HTML,
  baselineErrors,
  installBaseline,
  startBaseline,
} from './call-setup-baseline-page.js'
import { blockedSince, rtcSteps, type Blocked } from './call-setup-rtc-page.js'
import {
  closeAll,
  newBenchPage,
  record,
  waitForFrames,
  within,
  type BenchPage,
} from './call-setup-browser.js'

/** One relayed message, stamped when the relay received it. */
export interface RelayEvent {
  at: number
  to: string
  kind: 'hello' | 'offer' | 'answer' | 'candidate' | 'other'
}

export interface BaselineServer {
  url: string
  events: RelayEvent[]
  close(): Promise<void>
}

const MAX_BODY = 64 * 1024

function kindOf(body: string): RelayEvent['kind'] {
  try {
    const message = JSON.parse(body) as Record<string, unknown>
    if ('hello' in message) return 'hello'
    if ('candidate' in message) return 'candidate'
    const type = (message['description'] as { type?: unknown } | undefined)?.type
    return type === 'offer' || type === 'answer' ? type : 'other'
  } catch {
    return 'other'
  }
}

export async function startBaselineServer(): Promise<BaselineServer> {
  const streams = new Map<string, ServerResponse>()
  const events: RelayEvent[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BASELINE_HTML)
    } else if (req.method === 'GET' && url.pathname === '/events') {
      const peer = url.searchParams.get('peer') ?? ''
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      res.write(': open\n\n')
      streams.set(peer, res)
      req.on('close', () => streams.get(peer) === res && streams.delete(peer))
    } else if (req.method === 'POST' && url.pathname === '/signal') {
      const to = url.searchParams.get('to') ?? ''
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (chunk: string) => {
        body += chunk
        if (body.length > MAX_BODY) req.destroy()
      })
      req.on('end', () => {
        events.push({ at: Date.now(), to, kind: kindOf(body) })
        streams.get(to)?.write(`data: ${body}\n\n`)
        res.writeHead(204).end()
      })
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    close: () =>
      new Promise((resolve) => {
        for (const res of streams.values()) res.end()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface BaselineRun {
  ok: boolean
  error?: string
  /** ms from the newcomer's start to its first frame of the other ('b' sees 'a') and back. */
  newcomerSees: number | null
  existingSees: number | null
  bothSides: number | null
  /** ms from the start to when the relay got the hello, the offer and the answer. */
  phases: { hello: number | null; offer: number | null; answer: number | null }
  /** RTCPeerConnection steps after the start, on each side (call-setup-rtc-page.ts). */
  newcomerSteps: Steps
  existingSteps: Steps
  /** Main-thread ms inside WebRTC calls from the start to the frames, on each side. */
  newcomerBlocked: Blocked
  existingBlocked: Blocked
}

interface Side {
  id: string
  nickname: string
}

/** A fresh context on the baseline page, with its camera, microphone and relay open. */
async function baselinePage(
  browser: Browser,
  url: string,
  self: Side,
  other: Side,
  timeoutMs: number,
): Promise<BenchPage> {
  const page = await newBenchPage(browser)
  const config = {
    self: self.id,
    other: other.id,
    nickname: self.nickname,
    otherNickname: other.nickname,
    audio: APP_AUDIO,
    video: APP_VIDEO,
  }
  try {
    await page.page.goto(`${url}/`, { timeout: timeoutMs })
    await within(page.page.evaluate(installBaseline, config), timeoutMs, 'baseline page')
    return page
  } catch (err) {
    await closeAll([page])
    throw err
  }
}

/** One bare exchange between two fresh contexts; `settleMs` lets the cameras run first. */
export async function runBaseline(
  browser: Browser,
  relay: BaselineServer,
  run: number,
  settleMs: number,
  timeoutMs: number,
): Promise<BaselineRun> {
  const pages: BenchPage[] = []
  const phases: BaselineRun['phases'] = { hello: null, offer: null, answer: null }
  try {
    // Ann is there first and offers; Bob is the newcomer whose start is timed.
    const ann = { id: `r${run}a`, nickname: 'Ann' }
    const bob = { id: `r${run}b`, nickname: 'Bob' }
    const a = await baselinePage(browser, relay.url, ann, bob, timeoutMs)
    pages.push(a)
    const b = await baselinePage(browser, relay.url, bob, ann, timeoutMs)
    pages.push(b)
    await new Promise((r) => setTimeout(r, settleMs))
    const from = relay.events.length
    const beforeA = (await record(a.page)).blocked
    const beforeB = (await record(b.page)).blocked
    const start = await b.page.evaluate(startBaseline)
    const seen = await waitForFrames(
      [
        { viewer: a, name: 'Bob' },
        { viewer: b, name: 'Ann' },
      ],
      timeoutMs,
    )
    const relayed = relay.events.slice(from)
    for (const kind of ['hello', 'offer', 'answer'] as const) {
      const event = relayed.find((e) => e.kind === kind)
      phases[kind] = event ? event.at - start : null
    }
    const errors = [
      ...(await a.page.evaluate(baselineErrors)),
      ...(await b.page.evaluate(baselineErrors)),
    ]
    const existingSees = seen[0] === undefined || seen[0] === null ? null : seen[0] - start
    const newcomerSees = seen[1] === undefined || seen[1] === null ? null : seen[1] - start
    const ok = existingSees !== null && newcomerSees !== null
    const recordA = await record(a.page)
    const recordB = await record(b.page)
    return {
      newcomerSteps: rtcSteps(recordB, start),
      existingSteps: rtcSteps(recordA, start),
      newcomerBlocked: blockedSince(beforeB, recordB.blocked),
      existingBlocked: blockedSince(beforeA, recordA.blocked),
      ok,
      ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
      newcomerSees,
      existingSees,
      bothSides: ok ? Math.max(existingSees, newcomerSees) : null,
      phases,
    }
  } catch (err) {
    return {
      ok: false,
      error: String(err),
      newcomerSees: null,
      existingSees: null,
      bothSides: null,
      phases,
      newcomerSteps: {},
      existingSteps: {},
      newcomerBlocked: {},
      existingBlocked: {},
    }
  } finally {
    await closeAll(pages)
  }
}
