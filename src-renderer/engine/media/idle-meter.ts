/**
 * A speech meter that starts once the page is idle. Making an AudioContext and its nodes takes tens
 * of milliseconds on a busy two-core machine, and it came at the worst moment: a remote camera
 * stream arrives while its offer is being applied, so the answer waited behind a speaking highlight.
 */
import { whenIdle, type Schedule } from '../../lib/idle.js'
import type { SpeechMeter } from '../remote.js'

export type { Schedule }

/** A SpeechMeter whose real one (`start`) is made when `schedule` runs; silent until then. */
export function idleMeter(
  start: () => SpeechMeter | null,
  schedule: Schedule = whenIdle,
): SpeechMeter {
  const listeners = new Set<() => void>()
  let meter: SpeechMeter | null = null
  let closed = false
  const cancel = schedule(() => {
    if (closed) return
    meter = start()
    meter?.onChange(() => {
      for (const listener of [...listeners]) listener()
    })
  })
  return {
    get speaking() {
      return meter?.speaking ?? false
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      closed = true
      cancel()
      listeners.clear()
      meter?.close()
    },
  }
}
