import { describe, expect, it } from 'vitest'
import { nextSpeaking, rms, rmsToLevel, SILENT, smoothLevel, SPEAKING } from './speaking.js'
import type { SpeakingState } from './speaking.js'

/** Feeds `levels` one sample every `stepMs`, returning the speaking flag after each sample. */
function run(levels: number[], stepMs = 50, start: SpeakingState = SILENT): boolean[] {
  let state = start
  return levels.map((level, i) => {
    state = nextSpeaking(state, level, i * stepMs)
    return state.speaking
  })
}

const LOUD = 0.8
const QUIET = 0.05

describe('level arithmetic', () => {
  it('computes RMS of time-domain samples', () => {
    expect(rms(new Float32Array([]))).toBe(0)
    expect(rms(new Float32Array([0.5, -0.5, 0.5, -0.5]))).toBeCloseTo(0.5)
  })

  it('maps RMS to 0..1 on a decibel scale', () => {
    expect(rmsToLevel(0)).toBe(0)
    expect(rmsToLevel(0.0001)).toBe(0) // -80 dBFS: below the floor
    expect(rmsToLevel(0.001)).toBe(0) // -60 dBFS: the floor
    expect(rmsToLevel(10 ** (-30 / 20))).toBeCloseTo(0.5) // -30 dBFS: halfway
    expect(rmsToLevel(1)).toBe(1)
    expect(rmsToLevel(2)).toBe(1)
  })

  it('rises fast, falls slowly, and settles at exactly 0', () => {
    expect(smoothLevel(0, 1)).toBeGreaterThan(0.5)
    expect(smoothLevel(1, 0)).toBeGreaterThan(0.5)
    let level = 1
    for (let i = 0; i < 50; i++) level = smoothLevel(level, 0)
    expect(level).toBe(0)
  })
})

describe('nextSpeaking', () => {
  it(`turns on only after ${SPEAKING.onAfterMs} ms above the threshold`, () => {
    // Samples at 0, 50, 100, 150 ms: on at the one 150 ms after the first loud sample.
    expect(run([LOUD, LOUD, LOUD, LOUD])).toEqual([false, false, false, true])
  })

  it('ignores a short burst (a cough, a click)', () => {
    expect(run([LOUD, LOUD, QUIET, LOUD, LOUD, QUIET])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ])
  })

  it(`stays on through pauses shorter than ${SPEAKING.offAfterMs} ms`, () => {
    const on: SpeakingState = { speaking: true, since: null }
    const pause = [QUIET, QUIET, QUIET, QUIET, QUIET, QUIET, QUIET] // 0..300 ms
    expect(run([...pause, LOUD], 50, on).every(Boolean)).toBe(true)
  })

  it(`turns off after ${SPEAKING.offAfterMs} ms below the threshold`, () => {
    const on: SpeakingState = { speaking: true, since: null }
    const flags = run(Array<number>(10).fill(QUIET), 50, on)
    expect(flags.indexOf(false)).toBe(SPEAKING.offAfterMs / 50)
  })

  it('counts the threshold itself as loud', () => {
    expect(
      run([SPEAKING.threshold, SPEAKING.threshold, SPEAKING.threshold, SPEAKING.threshold]),
    ).toEqual([false, false, false, true])
  })

  it('returns the same state object while nothing changes', () => {
    const state = nextSpeaking(SILENT, QUIET, 0)
    expect(state).toBe(SILENT)
  })
})
