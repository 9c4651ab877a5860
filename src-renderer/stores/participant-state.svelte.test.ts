import { describe, expect, it } from 'vitest'
import { flushSync } from 'svelte'
import type { ParticipantView } from './call-types.js'
import { participant } from '../components/test-fixtures.js'
import { ParticipantList } from './participant-state.svelte.js'

function view(id: string, extra: Partial<ParticipantView> = {}): ParticipantView {
  return participant({ id, nickname: id.toUpperCase(), self: id === 'me', ...extra })
}

const GOOD = { level: 'good' as const, rttMs: 20, lossPct: 0, bitrateKbps: 900 }

/** Counts how often an effect reading `read` runs (once on creation, then once per change seen). */
function runsOf(read: () => unknown): { count: number; stop: () => void } {
  const runs = { count: 0, stop: () => {} }
  runs.stop = $effect.root(() => {
    $effect(() => {
      read()
      runs.count++
    })
  })
  flushSync()
  return runs
}

describe('ParticipantList', () => {
  it('keeps each participant and the list itself when only their fields change', () => {
    const people = new ParticipantList()
    people.set([view('me'), view('bo'), view('cy')])
    const [me, bo, cy] = people.list
    const list = people.list

    people.set([view('me'), view('bo', { speaking: true }), view('cy', { quality: GOOD })])

    expect(people.list).toBe(list)
    expect(people.list[0]).toBe(me)
    expect(people.list[1]).toBe(bo)
    expect(people.list[2]).toBe(cy)
    expect(bo?.speaking).toBe(true)
    expect(cy?.quality).toEqual(GOOD)
  })

  it('re-runs only what reads the field that changed', () => {
    const people = new ParticipantList()
    people.set([view('me'), view('bo'), view('cy')])
    const [, bo, cy] = people.list
    const boSpeaking = runsOf(() => bo?.speaking)
    const boQuality = runsOf(() => bo?.quality)
    const cySpeaking = runsOf(() => cy?.speaking)
    const list = runsOf(() => people.list)

    people.update(view('bo', { speaking: true }))
    flushSync()
    expect(boSpeaking.count).toBe(2)
    expect([boQuality.count, cySpeaking.count, list.count]).toEqual([1, 1, 1])

    // A stats tick that judges the same as before (a new object, equal figures) is no change.
    people.update(view('bo', { speaking: true, quality: GOOD }))
    flushSync()
    people.update(view('bo', { speaking: true, quality: { ...GOOD } }))
    flushSync()
    expect(boQuality.count).toBe(2)
    // Media compared by what is on, not by object.
    const boMedia = runsOf(() => bo?.media)
    people.update(view('bo', { speaking: true, quality: GOOD }))
    flushSync()
    expect(boMedia.count).toBe(1)
    for (const runs of [boSpeaking, boQuality, cySpeaking, list, boMedia]) runs.stop()
  })

  it('replaces the list when someone comes, goes or moves, keeping those who stay', () => {
    const people = new ParticipantList()
    people.set([view('me'), view('bo')])
    const [me, bo] = people.list
    const list = runsOf(() => people.list)

    people.set([view('me'), view('bo'), view('cy')])
    flushSync()
    expect(list.count).toBe(2)
    expect(people.list.map((p) => p.id)).toEqual(['me', 'bo', 'cy'])
    expect(people.list[0]).toBe(me)
    expect(people.list[1]).toBe(bo)

    people.set([view('me'), view('cy')])
    flushSync()
    expect(list.count).toBe(3)
    expect(people.list.map((p) => p.id)).toEqual(['me', 'cy'])

    // An update for someone no longer here changes nothing.
    people.update(view('bo', { speaking: true }))
    expect(bo?.speaking).toBe(false)

    people.clear()
    flushSync()
    expect(people.list).toEqual([])
    list.stop()
  })
})
