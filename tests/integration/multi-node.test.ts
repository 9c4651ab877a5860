/**
 * Two server processes (the CLI, as deployed) sharing one real redis-server, driven by real
 * socket.io-client members: they act as one server, a member of a node that dies or drains comes
 * back on the other with its id, and a node that loses Redis keeps serving its own members, says so
 * on /readyz, and recovers when Redis returns.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type {
  ClientToServerEvents,
  JoinRequest,
  JoinResult,
  ServerToClientEvents,
} from '../../protocol/index.js'
import { eventMatching, nextEvent, record } from '../support/harness.js'
import {
  findRedisServer,
  startRedis,
  stopAllRedis,
  type TestRedis,
} from '../support/redis-server.js'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>
type Node = { child: ChildProcess; url: string }

const found = findRedisServer()
if (found.path === null) console.warn(`skipping multi-node tests: ${found.reason}`)

const SECRET = 'one-secret-for-every-node'
const GRACE_MS = 2_000
const nodes: ChildProcess[] = []
const clients: Client[] = []

async function startNode(redis: TestRedis, extra: string[] = []): Promise<Node> {
  const args = ['--port', '0', '--host', '127.0.0.1', '--redis-url', redis.url]
  args.push('--secret', SECRET, '--resume-grace-ms', String(GRACE_MS), ...extra)
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  nodes.push(child)
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; url?: string }
      if (entry.msg === 'ready' && entry.url) resolve(entry.url)
    })
    child.once('exit', (code) => reject(new Error(`node exited early with ${code}`)))
  })
  await waitFor(async () => (await readyz(url)) === 200)
  return { child, url }
}

async function readyz(url: string): Promise<number | null> {
  const res = await fetch(`${url}/readyz`).catch(() => null)
  return res?.status ?? null
}

/** Polls `check` until it holds (conditions, never fixed sleeps, decide when a test goes on). */
async function waitFor(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function client(url: string): Promise<Client> {
  const socket: Client = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  })
  clients.push(socket)
  await new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(undefined))
    socket.once('connect_error', reject)
  })
  return socket
}

async function join(url: string, request: JoinRequest): Promise<{ client: Client } & JoinResult> {
  const socket = await client(url)
  const ack = await socket.emitWithAck('room:join', request)
  if (!ack.ok) throw new Error(`join refused: ${ack.error.code}`)
  return { client: socket, ...ack }
}

/** What a load balancer does for a client whose node went away: a new connection to another. */
async function resumeOn(url: string, member: { self: { id: string }; token: string }) {
  const socket = await client(url)
  const ack = await socket.emitWithAck('room:join', {
    room: 'demo',
    nickname: 'back',
    resume: member.token,
  })
  if (!ack.ok) throw new Error(`resume refused: ${ack.error.code}`)
  return { client: socket, ...ack }
}

/** Resolves once everything sent to `to` before `from`'s chat has arrived. */
async function flush(from: Client, to: Client): Promise<void> {
  const marker = nextEvent(to, 'chat:message')
  await from.emitWithAck('chat:send', { text: 'marker' })
  await marker
}

/** Resolves once `member` has received `count` peer:joined events. */
function joinsSeen(member: Client, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0
    member.on('peer:joined', () => {
      if (++seen === count) resolve()
    })
  })
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  )

describe.skipIf(found.path === null)('several server processes sharing Redis', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(stopAllRedis)
  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.disconnect()
    for (const child of nodes.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
    await redis.stop()
    await redis.start()
  })

  it('acts as one server: rooms, chat, signals, the room list and the capacity cross nodes', async () => {
    const [a, b] = await Promise.all([
      startNode(redis, ['--capacity', '2']),
      startNode(redis, ['--capacity', '2']),
    ])
    const watcher = await client(b.url)
    await watcher.emitWithAck('rooms:watch', {})
    const listed = eventMatching(watcher, 'rooms:changed', (rooms) =>
      rooms.some((r) => r.name === 'demo' && r.participants === 2),
    )
    const ann = await join(a.url, { room: 'demo', nickname: 'Ann', visibility: 'public' })
    const bob = await join(b.url, { room: 'demo', nickname: 'Bob' })
    expect(bob.peers).toEqual([ann.self])

    const chat = nextEvent(ann.client, 'chat:message')
    await bob.client.emitWithAck('chat:send', { text: 'across nodes' })
    expect((await chat).text).toBe('across nodes')
    const signal = nextEvent(bob.client, 'signal')
    await ann.client.emitWithAck('signal:send', { to: bob.self.id, payload: { candidate: null } })
    expect(await signal).toEqual({ from: ann.self.id, payload: { candidate: null } })

    expect(await listed).toEqual([
      { name: 'demo', participants: 2, capacity: 2, locked: false, admission: 'open' },
    ])
    const third = await client(a.url)
    expect(await third.emitWithAck('room:join', { room: 'demo', nickname: 'Cy' })).toMatchObject({
      ok: false,
      error: { code: 'room_full' },
    })
  })

  it('after kill -9 of a node, its members resume on the other with their ids; one that does not is let go once', async () => {
    const [a, b] = await Promise.all([startNode(redis), startNode(redis)])
    const bob = await join(b.url, { room: 'demo', nickname: 'Bob' })
    const bothJoined = joinsSeen(bob.client, 2)
    const ann = await join(a.url, { room: 'demo', nickname: 'Ann' })
    const cy = await join(a.url, { room: 'demo', nickname: 'Cy' })
    // Events cross nodes a little after the acks: start recording once Bob has heard both joins.
    await bothJoined
    const bobSaw = record(bob.client)
    const gone = Promise.all(
      [ann, cy].map((m) => new Promise((r) => m.client.once('disconnect', r))),
    )
    a.child.kill('SIGKILL')
    await gone

    const annBack = await resumeOn(b.url, ann)
    expect(annBack.self.id).toBe(ann.self.id)
    expect(annBack.peers.map((p) => p.id).sort()).toEqual([bob.self.id, cy.self.id].sort())
    // Cy never comes back: once node A is taken for dead and Cy's grace period ends, Bob and Ann
    // hear of it, once.
    const left = await nextEvent(bob.client, 'peer:left')
    expect(left).toEqual({ id: cy.self.id, reason: 'disconnected' })
    await flush(annBack.client, bob.client)
    expect(bobSaw.filter((e) => e.event.startsWith('peer:')).map((e) => e.event)).toEqual([
      'peer:updated', // Ann came back under another nickname
      'peer:left',
    ])
  }, 30_000)

  it('on SIGTERM a node tells its members, who resume on the other node with their ids', async () => {
    const [a, b] = await Promise.all([startNode(redis), startNode(redis)])
    const bob = await join(b.url, { room: 'demo', nickname: 'Bob' })
    const annJoined = joinsSeen(bob.client, 1)
    const ann = await join(a.url, { room: 'demo', nickname: 'Ann' })
    await annJoined
    const bobSaw = record(bob.client)
    const notice = nextEvent(ann.client, 'server:notice')
    const closed = new Promise<string>((r) => ann.client.once('disconnect', r))
    a.child.kill('SIGTERM')
    expect(await notice).toMatchObject({ kind: 'shutdown' })
    expect(await closed).toBe('transport close')
    expect(await exited(a.child)).toBe(0)

    const back = await resumeOn(b.url, ann)
    expect(back.self.id).toBe(ann.self.id)
    await flush(back.client, bob.client)
    // Bob, on the node that stayed, was not told of a shutdown and saw Ann neither leave nor join.
    expect(bobSaw.map((e) => e.event)).toEqual(['peer:updated', 'chat:message'])
  })

  it('knocks cross nodes: a knock on A reaches the host on B, the answer seats the knocker on A', async () => {
    const [a, b] = await Promise.all([startNode(redis), startNode(redis)])
    const host = await join(b.url, { room: 'demo', nickname: 'Hal', admission: 'knock' })
    const knocker = await client(a.url)
    const request = nextEvent(host.client, 'knock:request')
    const ack = knocker.emitWithAck('room:join', { room: 'demo', nickname: 'Kim' })
    const { id } = await request
    const resolved = nextEvent(host.client, 'knock:resolved')
    expect(await host.client.emitWithAck('knock:answer', { id, admit: true })).toEqual({ ok: true })
    expect(await resolved).toEqual({ id, outcome: 'admitted' })
    const admitted = await ack
    expect(admitted.ok && admitted.peers.map((p) => p.nickname)).toEqual(['Hal'])
  })

  it('host actions cross nodes: a host on B removes a member seated on A, promotes, and hands over', async () => {
    const [a, b] = await Promise.all([startNode(redis), startNode(redis)])
    const hal = await join(b.url, { room: 'demo', nickname: 'Hal' })
    const joined = joinsSeen(hal.client, 2)
    const ann = await join(a.url, { room: 'demo', nickname: 'Ann' })
    const cy = await join(a.url, { room: 'demo', nickname: 'Cy' })
    await joined
    const removed = nextEvent(cy.client, 'room:removed')
    const annSees = nextEvent(ann.client, 'peer:left')
    expect(await hal.client.emitWithAck('member:remove', { id: cy.self.id })).toEqual({ ok: true })
    expect(await removed).toEqual({ by: 'Hal' })
    expect(await annSees).toEqual({ id: cy.self.id, reason: 'removed' })
    // Cy's address knocks now, even though the room is open.
    const back = await client(a.url)
    const request = nextEvent(hal.client, 'knock:request')
    void back.emitWithAck('room:join', { room: 'demo', nickname: 'Cy' }).catch(() => undefined)
    expect((await request).nickname).toBe('Cy')
    // Hal leaves: Ann (on A) becomes host, hears the waiting knock, and can answer it.
    const promoted = eventMatching(ann.client, 'peer:updated', (p) => p.id === ann.self.id)
    const waiting = nextEvent(ann.client, 'knock:request')
    await hal.client.emitWithAck('room:leave', {})
    expect(await promoted).toMatchObject({ role: 'host' })
    const knock = await waiting
    expect(await ann.client.emitWithAck('knock:answer', { id: knock.id, admit: false })).toEqual({
      ok: true,
    })
  })

  it('a node killed while a knock is pending: the host on the other node sees it withdrawn', async () => {
    const [a, b] = await Promise.all([startNode(redis), startNode(redis)])
    const host = await join(b.url, { room: 'demo', nickname: 'Hal', admission: 'knock' })
    const knocker = await client(a.url)
    const request = nextEvent(host.client, 'knock:request')
    void knocker.emitWithAck('room:join', { room: 'demo', nickname: 'Kim' }).catch(() => undefined)
    const { id } = await request
    const resolved = nextEvent(host.client, 'knock:resolved')
    const gone = new Promise((r) => knocker.once('disconnect', r))
    a.child.kill('SIGKILL')
    await gone
    expect(await resolved).toEqual({ id, outcome: 'withdrawn' })
    // The knock is gone from the queue: answering it names nobody.
    expect(await host.client.emitWithAck('knock:answer', { id, admit: true })).toMatchObject({
      error: { code: 'unknown_peer' },
    })
  }, 30_000)

  it('without Redis a node fails /readyz and keeps relaying for its own members; it recovers when Redis returns', async () => {
    const [a, b] = await Promise.all([startNode(redis), startNode(redis)])
    const ann = await join(a.url, { room: 'demo', nickname: 'Ann' })
    const bob = await join(a.url, { room: 'demo', nickname: 'Bob' })
    await redis.stop()
    await waitFor(async () => (await readyz(a.url)) === 503 && (await readyz(b.url)) === 503)

    const chat = nextEvent(bob.client, 'chat:message')
    expect((await ann.client.emitWithAck('chat:send', { text: 'still here' })).ok).toBe(true)
    expect((await chat).text).toBe('still here')
    const signal = nextEvent(bob.client, 'signal')
    const sent = await ann.client.emitWithAck('signal:send', {
      to: bob.self.id,
      payload: { candidate: null },
    })
    expect(sent).toEqual({ ok: true })
    expect(await signal).toEqual({ from: ann.self.id, payload: { candidate: null } })

    await redis.start()
    await waitFor(async () => (await readyz(a.url)) === 200 && (await readyz(b.url)) === 200)
    // Redis came back empty; node A put its members' seats back, so a newcomer on B finds them.
    let probe = 0
    await waitFor(async () => {
      // Each probe its own nickname: the last one's leave may not have landed yet.
      const cy = await join(b.url, { room: 'demo', nickname: `Cy${++probe}` })
      const ok = cy.peers.length === 2
      cy.client.disconnect()
      return ok
    })
    // Events about the probes above may still be on their way: wait for Dee's own.
    const joined = eventMatching(ann.client, 'peer:joined', (p) => p.nickname === 'Dee')
    const dee = await join(b.url, { room: 'demo', nickname: 'Dee' })
    expect(dee.peers.map((p) => p.id)).toEqual([ann.self.id, bob.self.id])
    expect((await joined).id).toBe(dee.self.id)
    expect(a.child.exitCode).toBeNull()
  }, 30_000)
})
