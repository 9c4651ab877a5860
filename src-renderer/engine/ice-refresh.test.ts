import { describe, expect, it } from 'vitest'
import {
  ENSURE_WAIT_MS,
  IceRefresher,
  MIN_REFRESH_MS,
  refreshDelay,
  retryDelay,
  turnExpiry,
  type RefreshClock,
} from './ice-refresh.js'

// 2026-01-01T00:00:00Z, in ms.
const T0 = 1_767_225_600_000
const STUN: RTCIceServer = { urls: ['stun:stun.example.org:3478'] }

/** A TURN entry as the server mints it, expiring `inSeconds` after `now`. */
function turn(now: number, inSeconds: number, id = 'ann'): RTCIceServer {
  const username = `${Math.floor(now / 1000) + inSeconds}:${id}`
  return { urls: ['turn:turn.example.org:3478'], username, credential: 'c' }
}

/** A clock whose timers fire only when the test moves time on. */
class TestClock implements RefreshClock {
  time = T0
  jitter = 0.5
  readonly timers: Array<{ at: number; run: () => void; cancelled: boolean }> = []
  now = () => this.time
  random = () => this.jitter
  later = (run: () => void, ms: number) => {
    const timer = { at: this.time + ms, run, cancelled: false }
    this.timers.push(timer)
    return () => void (timer.cancelled = true)
  }
  /** The one timer still armed: when it fires, from now. */
  get pending(): number[] {
    return this.timers.filter((t) => !t.cancelled).map((t) => t.at - this.time)
  }
  /** Moves to the next armed timer and fires it. */
  fire(): void {
    const next = this.timers.filter((t) => !t.cancelled).sort((a, b) => a.at - b.at)[0]
    if (!next) throw new Error('no timer armed')
    next.cancelled = true
    this.time = next.at
    next.run()
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function refresher(answers: Array<RTCIceServer[] | Error>) {
  const clock = new TestClock()
  const asked: number[] = []
  const applied: RTCIceServer[][] = []
  const ice = new IceRefresher({
    clock,
    refresh: () => {
      asked.push(clock.time)
      const answer = answers.shift()
      if (!answer) return Promise.reject(new Error('no answer left'))
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)
    },
    onServers: (servers) => applied.push(servers),
  })
  return { ice, clock, asked, applied }
}

describe('turnExpiry', () => {
  it('reads the soonest expiry among TURN entries, in ms', () => {
    const servers = [STUN, turn(T0, 600), { ...turn(T0, 60), urls: 'turns:t.example.org:5349' }]
    expect(turnExpiry(servers)).toBe(T0 + 60_000)
  })

  it('is null without TURN, or when no username names an expiry', () => {
    expect(turnExpiry([STUN])).toBeNull()
    expect(turnExpiry([])).toBeNull()
    const odd = ['alice', 'ann:1767225600', '', ':ann', '12x:ann']
    for (const username of odd) {
      expect(turnExpiry([{ urls: 'turn:t', username, credential: 'c' }]), username).toBeNull()
    }
    // A STUN entry with a username like a TURN one's is not a relay.
    expect(turnExpiry([{ urls: 'stun:s', username: '1767225600:ann' }])).toBeNull()
  })
})

describe('refreshDelay and retryDelay', () => {
  it('waits 80% of the remaining lifetime, give or take 10%, never under the floor', () => {
    expect(refreshDelay(T0 + 3_600_000, T0, 0.5)).toBe(2_880_000)
    expect(refreshDelay(T0 + 3_600_000, T0, 0)).toBe(2_592_000)
    expect(refreshDelay(T0 + 3_600_000, T0, 0.999_999)).toBeLessThanOrEqual(3_168_000)
    expect(refreshDelay(T0 + 60_000, T0, 0.5)).toBe(48_000)
    expect(refreshDelay(T0 + 5_000, T0, 0.5)).toBe(MIN_REFRESH_MS)
    expect(refreshDelay(T0 - 60_000, T0, 0.5)).toBe(MIN_REFRESH_MS) // already expired
  })

  it('backs off from 2 s, doubling to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => retryDelay(n, 0.5))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ])
  })
})

describe('IceRefresher', () => {
  it('refreshes before expiry, hands the fresh servers on, and re-arms by their expiry', async () => {
    const { ice, clock, asked, applied } = refresher([[STUN, turn(T0 + 48_000, 60)]])
    ice.use([STUN, turn(T0, 60)], true)
    expect(clock.pending).toEqual([48_000])
    clock.fire()
    await settle()
    expect(asked).toEqual([T0 + 48_000])
    expect(applied).toEqual([[STUN, turn(T0 + 48_000, 60)]])
    expect(ice.servers).toEqual([STUN, turn(T0 + 48_000, 60)])
    expect(clock.pending).toEqual([48_000])
  })

  it('times nothing for servers without an expiry it can read', () => {
    const { ice, clock } = refresher([])
    ice.use([STUN, { urls: 'turn:t', username: 'static-user', credential: 'c' }], true)
    expect(clock.pending).toEqual([])
    expect(ice.ensure()).toBeNull() // and takes such TURN as good
  })

  it('retries a failed refresh with back-off, then goes back to the expiry schedule', async () => {
    const fresh = [turn(T0 + 54_000, 60)]
    const { ice, clock, asked } = refresher([new Error('unreachable'), new Error('x'), fresh])
    ice.use([turn(T0, 60)], true)
    clock.fire()
    await settle()
    expect(clock.pending).toEqual([2_000])
    clock.fire()
    await settle()
    expect(clock.pending).toEqual([4_000])
    clock.fire()
    await settle()
    expect(asked).toEqual([T0 + 48_000, T0 + 50_000, T0 + 54_000])
    expect(clock.pending).toEqual([48_000])
  })

  it('asks before a new connection when it holds no TURN, or only credentials about to expire', async () => {
    const { ice, clock, asked, applied } = refresher([[STUN, turn(T0, 3600)]])
    ice.use([STUN], false) // alone in the room: the server gave no TURN
    const first = ice.ensure()
    expect(first).not.toBeNull()
    await Promise.all([first, ice.ensure()])
    expect(asked).toHaveLength(1) // one refresh at a time
    expect(applied).toHaveLength(1)
    expect(ice.ensure()).toBeNull() // fresh now
    clock.time = T0 + 3_600_000 - MIN_REFRESH_MS // nearly expired
    expect(ice.ensure()).not.toBeNull()
  })

  it('stops asking once a refresh with someone in the room brought no TURN: the server has none', async () => {
    const { ice, asked } = refresher([[STUN]])
    ice.use([STUN], false)
    await ice.ensure()
    expect(ice.ensure()).toBeNull()
    expect(asked).toHaveLength(1)
    // A join answer listing others and still no TURN says the same.
    const other = refresher([])
    other.ice.use([STUN], true)
    expect(other.ice.ensure()).toBeNull()
  })

  it('lets a newcomer wait at most ENSURE_WAIT_MS, and still applies a late answer', async () => {
    const clock = new TestClock()
    let answer: (servers: RTCIceServer[]) => void = () => {}
    const applied: RTCIceServer[][] = []
    const ice = new IceRefresher({
      clock,
      refresh: () => new Promise((resolve) => (answer = resolve)),
      onServers: (servers) => applied.push(servers),
    })
    ice.use([], false)
    let settled = false
    void ice.ensure()?.then(() => (settled = true))
    expect(clock.pending).toEqual([ENSURE_WAIT_MS])
    clock.fire()
    await settle()
    expect(settled).toBe(true)
    answer([turn(clock.time, 3600)])
    await settle()
    expect(applied).toEqual([[turn(clock.time, 3600)]])
  })

  it('settles ensure() even when the refresh fails, and keeps trying on the timer', async () => {
    const { ice, clock } = refresher([new Error('unreachable')])
    ice.use([], false)
    await expect(ice.ensure()).resolves.toBeUndefined()
    expect(clock.pending).toEqual([2_000])
  })

  it('stops on leave: no timer, and an answer still under way is dropped', async () => {
    const { ice, clock, applied } = refresher([[turn(T0, 60)]])
    ice.use([turn(T0, 60)], true)
    clock.fire()
    ice.stop()
    await settle()
    expect(applied).toEqual([])
    expect(clock.pending).toEqual([])
    ice.use([turn(T0, 60)], true)
    expect(clock.pending).toEqual([])
    expect(ice.ensure()).toBeNull()
  })

  it('spreads members who got credentials at the same moment', () => {
    const delays = [0, 0.25, 0.75, 0.99].map((jitter) => {
      const { ice, clock } = refresher([])
      clock.jitter = jitter
      ice.use([turn(T0, 3600)], true)
      return clock.pending[0]
    })
    expect(new Set(delays).size).toBe(4)
  })
})
