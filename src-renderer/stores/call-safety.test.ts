import { describe, expect, it, vi } from 'vitest'
import type { SafetyInput } from '../engine/safety.js'
import { safetyCode, type MemberFingerprint } from '../lib/safety-code.js'
import { CallSafety } from './call-safety.svelte.js'

const pair = (member: string, byte: string): MemberFingerprint => ({
  member,
  fingerprint: { algorithm: 'sha-256', value: `${byte}:${byte}:${byte}` },
})
const ann = pair('ann', 'A1')
const bob = pair('bob', 'B2')
const cat = pair('cat', 'C3')

function complete(...pairs: MemberFingerprint[]): SafetyInput {
  return { state: 'complete', pairs }
}

async function ready(safety: CallSafety) {
  await vi.waitFor(() => expect(safety.view.state).toBe('ready'))
  return safety.view
}

describe('CallSafety', () => {
  it('checks until every connection is up, then shows the code of the whole set', async () => {
    const safety = new CallSafety()
    safety.update({ state: 'checking' })
    expect(safety.view).toEqual({ state: 'checking' })
    safety.update(complete(ann, bob, cat))
    expect(await ready(safety)).toEqual({
      state: 'ready',
      code: await safetyCode([ann, bob, cat]),
      members: 3,
    })
  })

  it('makes a new code when someone joins and again when someone leaves', async () => {
    const safety = new CallSafety()
    safety.update(complete(ann, bob))
    const two = await ready(safety)
    safety.update({ state: 'checking' }) // Cat's connection is being set up
    safety.update(complete(ann, bob, cat))
    const three = await ready(safety)
    safety.update(complete(ann, cat))
    // The code of three people is gone at once, not when the new one is ready.
    expect(safety.view).toEqual({ state: 'checking' })
    const afterBob = await ready(safety)
    expect(three).not.toEqual(two)
    expect(afterBob).toEqual({ state: 'ready', code: await safetyCode([ann, cat]), members: 2 })
  })

  it('hashes when the schedule says (an idle moment), the newest input only', async () => {
    const runs: Array<() => void> = []
    const safety = new CallSafety((run) => {
      runs.push(run)
      return () => runs.splice(runs.indexOf(run), 1)
    })
    safety.update(complete(ann, bob))
    safety.update(complete(ann, bob, cat))
    expect(runs).toHaveLength(1) // the first one was cancelled
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(safety.view).toEqual({ state: 'checking' })
    runs[0]?.()
    expect(await ready(safety)).toMatchObject({ members: 3 })
  })

  it('goes back to checking when the call ends', async () => {
    const safety = new CallSafety()
    safety.update(complete(ann, bob))
    await ready(safety)
    safety.reset()
    expect(safety.view).toEqual({ state: 'checking' })
  })

  it('says alone and unavailable as the engine does', () => {
    const safety = new CallSafety()
    safety.update({ state: 'alone' })
    expect(safety.view).toEqual({ state: 'alone' })
    safety.update({ state: 'unavailable' })
    expect(safety.view).toEqual({ state: 'unavailable' })
  })
})
