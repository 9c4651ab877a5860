import { describe, expect, it, vi } from 'vitest'
import type { SpeechMeter } from '../remote.js'
import { idleMeter, type Schedule } from './idle-meter.js'

/** A schedule the test runs by hand. */
function manual(): { schedule: Schedule; run: () => void; cancelled: () => boolean } {
  let task: (() => void) | null = null
  let cancelled = false
  return {
    schedule: (run) => {
      task = run
      return () => (cancelled = true)
    },
    run: () => task?.(),
    cancelled: () => cancelled,
  }
}

function fakeMeter() {
  let listener: (() => void) | null = null
  const meter = {
    speaking: false as boolean,
    onChange: (l: () => void) => {
      listener = l
      return () => (listener = null)
    },
    close: vi.fn<() => void>(),
  } satisfies SpeechMeter
  return { meter, flip: () => ((meter.speaking = !meter.speaking), listener?.()) }
}

describe('idleMeter', () => {
  it('makes the real meter only when the page is idle, silent until then, and passes its changes on', () => {
    const idle = manual()
    const inner = fakeMeter()
    const start = vi.fn(() => inner.meter)
    const meter = idleMeter(start, idle.schedule)
    const heard = vi.fn()
    meter.onChange(heard)
    expect(start).not.toHaveBeenCalled()
    expect(meter.speaking).toBe(false)

    idle.run()
    expect(start).toHaveBeenCalledOnce()
    inner.flip()
    expect(meter.speaking).toBe(true)
    expect(heard).toHaveBeenCalledOnce()

    meter.close()
    expect(inner.meter.close).toHaveBeenCalledOnce()
  })

  it('closed before the idle moment, never makes one', () => {
    const idle = manual()
    const start = vi.fn(() => fakeMeter().meter)
    idleMeter(start, idle.schedule).close()
    expect(idle.cancelled()).toBe(true)
    idle.run()
    expect(start).not.toHaveBeenCalled()
  })
})
