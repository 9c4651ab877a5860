/**
 * TURN credentials through a real server: the first member of a room, who got none, asks for them
 * (ice:refresh) before it makes the newcomer's connection; a refresh on the timer reaches the open
 * connections; the refresh before expiry and the connections' new servers stop with the call.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { MediaState } from '../../protocol/index.js'
import type { RefreshClock } from './ice-refresh.js'
import {
  Rendezvous,
  closeAll,
  nextEvent,
  rawMember,
  testEngine,
  type TestEngine,
} from './test-kit.node.js'

afterEach(closeAll)

const ON: MediaState = { audio: true, video: true, screen: false }
const STUN = { urls: ['stun:stun.example.org:3478'] }
const TURN_URLS = ['turn:turn.example.org:3478?transport=udp']
const withTurn = {
  iceServers: [STUN],
  turn: { secret: 'engine-turn-secret-of-16+', urls: TURN_URLS, ttlSeconds: 3600 },
}

/** Real time, but timers fire only when the test says. */
function manualClock(): RefreshClock & { fire(): void; armed(): number } {
  let timers: Array<() => void> = []
  return {
    now: () => Date.now(),
    random: () => 0.5,
    later(run) {
      timers.push(run)
      return () => (timers = timers.filter((t) => t !== run))
    },
    fire() {
      const run = timers.shift()
      if (!run) throw new Error('no refresh timer armed')
      run()
    },
    armed: () => timers.length,
  }
}

async function inCall(url: string, nickname: string, options: Parameters<typeof testEngine>[1]) {
  const member = testEngine(url, options)
  expect(await member.engine.join({ server: url, room: 'demo', nickname }, ON)).toBeNull()
  return member
}

async function remotesOf(member: TestEngine, count: number): Promise<void> {
  if (member.engine.remotes.length === count) return
  await nextEvent(member.engine, 'change', () => member.engine.remotes.length === count)
}

/** The TURN entry among `servers`, whose username must name `id`. */
function turnFor(servers: RTCIceServer[] | undefined, id: string | undefined) {
  const entry = servers?.find((s) => s.username !== undefined)
  expect(entry?.urls).toEqual(TURN_URLS)
  expect(entry?.username).toMatch(new RegExp(`^\\d+:${id}$`))
  return entry
}

describe('TURN credentials in the call engine', () => {
  it('asks for credentials before calling a newcomer when it was alone and holds none', async () => {
    const server = await Rendezvous.start(withTurn)
    const ann = await inCall(server.url, 'Ann', {})
    expect(ann.signaling.lastJoin?.iceServers).toEqual([STUN])

    await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    await remotesOf(ann, 1)
    const options = ann.made[0]?.options
    expect(options?.initiator).toBe(true)
    turnFor(options?.iceServers, ann.engine.self?.id)
  })

  it('refreshes on its timer and hands the fresh servers to the open connection', async () => {
    const server = await Rendezvous.start(withTurn)
    await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const clock = manualClock()
    const ann = await inCall(server.url, 'Ann', { iceClock: clock })
    turnFor(ann.signaling.lastJoin?.iceServers, ann.engine.self?.id)
    const remote = ann.made[0]
    expect(remote?.iceUpdates).toEqual([])
    expect(clock.armed()).toBe(1)

    clock.fire()
    await expect.poll(() => remote?.iceUpdates.length).toBe(1)
    const fresh = remote?.iceUpdates[0]
    expect(fresh?.[0]).toEqual(STUN)
    turnFor(fresh, ann.engine.self?.id)
    expect(clock.armed()).toBe(1) // re-armed by the fresh credentials' expiry

    // A member who joins later is called with the refreshed servers.
    await rawMember(server.url, { room: 'demo', nickname: 'Cy' })
    await remotesOf(ann, 2)
    expect(ann.made[1]?.options.iceServers).toBe(fresh)
  })

  it('stops refreshing when the call ends', async () => {
    const server = await Rendezvous.start(withTurn)
    await rawMember(server.url, { room: 'demo', nickname: 'Bo' })
    const clock = manualClock()
    const ann = await inCall(server.url, 'Ann', { iceClock: clock })
    expect(clock.armed()).toBe(1)
    await ann.engine.leave()
    expect(clock.armed()).toBe(0)
  })
})
