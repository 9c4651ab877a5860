import { describe, expect, it, vi } from 'vitest'
import type { Participant } from '../../protocol/index.js'
import { FakeRemote } from './fake-remote.node.js'
import type { Outgoing } from './peer.js'
import { Roster, type RosterOptions } from './roster.js'

const NOTHING_OUT: Outgoing = {
  camera: { id: 'camera' } as unknown as MediaStream,
  audio: null,
  video: null,
  screen: null,
  screenVideo: null,
  screenAudio: null,
}

function member(id: string): Participant {
  return {
    id,
    nickname: id.toUpperCase(),
    role: 'member',
    media: { audio: true, video: true, screen: false },
  }
}

/** A roster seated as `me`, with fake members and every report it makes counted. */
function roster(send?: () => Promise<void>) {
  const made: FakeRemote[] = []
  const heard = {
    change: vi.fn(),
    speaking: vi.fn(),
    quality: vi.fn(),
    presence: [] as string[],
  }
  const options: RosterOptions = {
    createRemote: (o) => {
      const remote = new FakeRemote(o)
      if (send) remote.send = send
      made.push(remote)
      return remote
    },
    relayOnly: false,
    createMeter: () => null,
    graceMs: 1_000,
    out: () => NOTHING_OUT,
    signal: () => {},
    onBitrateFailed: () => {},
    onChange: heard.change,
    onSpeaking: heard.speaking,
    onQuality: heard.quality,
    onPresence: (event, nickname) => heard.presence.push(`${event} ${nickname}`),
  }
  const r = new Roster(options)
  r.seat('me')
  return { roster: r, made, heard }
}

const GOOD = { level: 'good' as const, rttMs: 20, lossPct: 0, bitrateKbps: 900 }

describe('Roster', () => {
  it('tells of a member’s speaking flip as that, not as a change', () => {
    const { roster: r, made, heard } = roster()
    r.enter([member('bo'), member('cy')])
    heard.change.mockClear()
    const bo = made[0]!
    bo.speaking = true
    bo.options.onSpeaking()
    expect(heard.speaking).toHaveBeenCalledExactlyOnceWith('bo', true)
    expect(heard.change).not.toHaveBeenCalled()
  })

  it('tells of quality only for members whose judgement changed, and never as a change', async () => {
    const { roster: r, made, heard } = roster()
    r.enter([member('bo'), member('cy')])
    heard.change.mockClear()
    const [bo, cy] = made as [FakeRemote, FakeRemote]
    bo.measure = () => Promise.resolve(void (bo.quality = { ...GOOD }))
    cy.measure = () => Promise.resolve(void (cy.quality = null))

    await r.measure(0)
    expect(heard.quality).toHaveBeenCalledExactlyOnceWith('bo', GOOD)
    // The next tick judges the same (a new object with the same figures): nothing to tell.
    await r.measure(2_000)
    expect(heard.quality).toHaveBeenCalledOnce()
    bo.measure = () => Promise.resolve(void (bo.quality = { ...GOOD, level: 'poor', lossPct: 9 }))
    await r.measure(4_000)
    expect(heard.quality).toHaveBeenLastCalledWith('bo', { ...GOOD, level: 'poor', lossPct: 9 })
    expect(heard.change).not.toHaveBeenCalled()
  })

  it('says nothing of a newcomer who leaves before our offer to them is out', async () => {
    let release = () => {}
    const offered = new Promise<void>((resolve) => (release = resolve))
    const { roster: r, made, heard } = roster(() => offered)
    r.joined(member('bo'))
    r.left('bo')
    release()
    await offered
    await Promise.resolve()
    expect(made[0]?.closed).toBe(true)
    expect(heard.presence).toEqual([])

    // Someone whose offer went out is seen coming and going.
    const { roster: r2, heard: heard2 } = roster()
    r2.joined(member('cy'))
    await vi.waitFor(() => expect(heard2.presence).toEqual(['joined CY']))
    r2.left('cy')
    expect(heard2.presence).toEqual(['joined CY', 'left CY'])
  })

  it('tells a member how we show their camera, and a connection made anew for them too', () => {
    const { roster: r, made } = roster()
    r.enter([member('bo'), member('cy')])
    r.showCamera('bo', { width: 640, height: 360 })
    r.showCamera('cy', null)
    r.showCamera('nobody', { width: 1, height: 1 })
    expect(made.map((m) => m.views)).toEqual([[{ width: 640, height: 360 }], [null]])

    // We came back under a new id: new connections, and the tiles did not move.
    r.rejoined([member('bo'), member('cy')], false)
    expect(made.slice(2).map((m) => m.views)).toEqual([[{ width: 640, height: 360 }], [null]])

    // Someone gone and back is a new face: no view until their tile says.
    r.left('bo')
    r.joined(member('bo'))
    expect(made.at(-1)?.views).toEqual([])
  })
})
