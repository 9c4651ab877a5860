/**
 * /metrics on a real server: real members join, chat, signal, leave and get refused, and the
 * exposition text Prometheus scrapes counts it all, without a room name or nickname in sight.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { connectClient, joinedClient, nextEvent, startServer, stopAll } from '../support/harness.js'

afterEach(stopAll)

const TOKEN = 'a-metrics-token-of-32-characters'

/** Samples of an exposition text, keyed `name{label="value",…}` with labels sorted. */
type Samples = Map<string, number>

function parse(text: string): Samples {
  const samples: Samples = new Map()
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match?.[1] || !match[3]) continue
    const labels = [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => ({
      [k ?? '']: v ?? '',
    }))
    samples.set(
      key(match[1], Object.assign({}, ...labels) as Record<string, string>),
      Number(match[3]),
    )
  }
  return samples
}

function key(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v}"`)
  return pairs.length ? `${name}{${pairs.join(',')}}` : name
}

/** A sample's value; an absent labelled counter is 0 (prom-client prints a series once it is used). */
const value = (samples: Samples, name: string, labels?: Record<string, string>) =>
  samples.get(key(name, labels)) ?? 0

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers })
  const text = await res.text()
  return { res, text, samples: parse(text) }
}

describe('/metrics', () => {
  it('counts joins, chat messages and signals of real members, with gauges of the moment', async () => {
    const { url } = await startServer()
    const ann = await joinedClient(url, { room: 'secret-room', nickname: 'Annabel' })
    const bob = await joinedClient(url, { room: 'secret-room', nickname: 'Bobbington' })
    const message = nextEvent(bob.client, 'chat:message')
    expect((await ann.client.emitWithAck('chat:send', { text: 'hello' })).ok).toBe(true)
    await message
    const offer = { description: { type: 'offer' as const, sdp: 'v=0\r\n' } }
    const to = bob.joined.self.id
    expect((await ann.client.emitWithAck('signal:send', { to, payload: offer })).ok).toBe(true)
    expect(
      (
        await bob.client.emitWithAck('signal:send', {
          to: ann.joined.self.id,
          payload: { candidate: null },
        })
      ).ok,
    ).toBe(true)

    const { res, text, samples } = await scrape(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(value(samples, 'noom_joins_total')).toBe(2)
    expect(value(samples, 'noom_chat_messages_total')).toBe(1)
    expect(value(samples, 'noom_signals_total')).toBe(2)
    expect(value(samples, 'noom_connected_sockets')).toBe(2)
    expect(value(samples, 'noom_rooms')).toBe(1)
    expect(value(samples, 'noom_members')).toBe(2)
    expect(samples.get(key('noom_leaves_total', { reason: 'left' }))).toBe(0)
    expect(samples.get('noom_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0)
    // Labels are closed sets: no room name, nickname, message or id ever reaches the text.
    for (const secret of ['secret-room', 'Annabel', 'Bobbington', 'hello', to]) {
      expect(text).not.toContain(secret)
    }
  })

  it('counts leaves by reason, and a resumed seat as neither a leave nor a join', async () => {
    const { url } = await startServer({ resumeGraceMs: 1_000 })
    const ann = await joinedClient(url, { room: 'r', nickname: 'Ann' })
    const bob = await joinedClient(url, { room: 'r', nickname: 'Bob' })
    const cy = await joinedClient(url, { room: 'r', nickname: 'Cy' })

    // Cy drops and resumes within the grace period: the others see nothing, and neither do metrics.
    cy.client.io.engine.close() // a network blip: no goodbye
    const back = await connectClient(url)
    const resumed = await back.emitWithAck('room:join', {
      room: 'r',
      nickname: 'Cy',
      resume: cy.joined.token,
    })
    expect(resumed.ok && resumed.self.id).toBe(cy.joined.self.id)
    expect(value((await scrape(url)).samples, 'noom_joins_total')).toBe(3)

    expect((await bob.client.emitWithAck('room:leave', {})).ok).toBe(true)
    ann.client.io.engine.close()
    await vi.waitFor(
      async () => {
        const { samples } = await scrape(url)
        expect(value(samples, 'noom_leaves_total', { reason: 'disconnected' })).toBe(1)
      },
      { timeout: 5_000, interval: 100 },
    )
    const { samples } = await scrape(url)
    expect(value(samples, 'noom_leaves_total', { reason: 'left' })).toBe(1)
    expect(value(samples, 'noom_joins_total')).toBe(3)
    expect(value(samples, 'noom_members')).toBe(1)
  })

  it('counts refusals by event and code, and refused connections as event "connect"', async () => {
    const { url } = await startServer()
    const client = await connectClient(url)
    const invalid = await client.emitWithAck('chat:send', { text: 42 } as never)
    expect(!invalid.ok && invalid.error.code).toBe('invalid')
    const before = value((await scrape(url)).samples, 'noom_rejections_total', {
      event: 'chat:send',
      code: 'invalid',
    })
    expect(before).toBe(1)

    const empty = await client.emitWithAck('chat:send', { text: '' })
    expect(!empty.ok && empty.error.code).toBe('invalid')
    const notInRoom = await client.emitWithAck('chat:send', { text: 'hi' })
    expect(!notInRoom.ok && notInRoom.error.code).toBe('not_in_room')
    // Unknown event names come from the client: never a label.
    const loose = client as unknown as { emit(event: string, ...args: unknown[]): void }
    loose.emit('made:up', {}, () => {})
    await expect(
      connectClient(url, { extraHeaders: { origin: 'https://elsewhere.example' } }),
    ).rejects.toThrow('origin_not_allowed')

    const { samples, text } = await scrape(url)
    expect(value(samples, 'noom_rejections_total', { event: 'chat:send', code: 'invalid' })).toBe(2)
    expect(
      value(samples, 'noom_rejections_total', { event: 'chat:send', code: 'not_in_room' }),
    ).toBe(1)
    expect(
      value(samples, 'noom_rejections_total', { event: 'connect', code: 'origin_not_allowed' }),
    ).toBe(1)
    expect(text).not.toContain('made:up')
  })

  it('keeps each server its own registry', async () => {
    const first = await startServer()
    const second = await startServer()
    await joinedClient(first.url, { room: 'r', nickname: 'Ann' })
    expect(value((await scrape(first.url)).samples, 'noom_joins_total')).toBe(1)
    expect(value((await scrape(second.url)).samples, 'noom_joins_total')).toBe(0)
    // Node's process metrics only when asked for (the CLI does).
    expect((await scrape(first.url)).text).not.toContain('process_cpu_user_seconds_total')
    const withNode = await startServer({ metrics: { nodeMetrics: true } })
    expect((await scrape(withNode.url)).text).toContain('process_cpu_user_seconds_total')
  })

  it('requires the bearer token when one is set', async () => {
    const { url } = await startServer({ metrics: { token: TOKEN } })
    const bare = await scrape(url)
    expect(bare.res.status).toBe(401)
    expect(bare.res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"')
    expect(bare.text).not.toContain('noom_')
    expect((await scrape(url, { authorization: `Bearer ${TOKEN}x` })).res.status).toBe(401)
    expect((await scrape(url, { authorization: `Basic ${TOKEN}` })).res.status).toBe(401)
    const ok = await scrape(url, { authorization: `Bearer ${TOKEN}` })
    expect(ok.res.status).toBe(200)
    expect(ok.text).toContain('noom_joins_total')
  })

  it('answers 404 when turned off, even with the renderer served at /', async () => {
    const staticDir = join(await mkdtemp(join(tmpdir(), 'noom-metrics-')), 'renderer')
    await mkdir(staticDir)
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Noom</title>')
    const { url } = await startServer({ metrics: false, staticDir })
    const { res, text } = await scrape(url)
    expect(res.status).toBe(404)
    expect(JSON.parse(text)).toEqual({ error: 'not found' })
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
  })
})
