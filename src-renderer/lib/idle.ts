/**
 * Work that can wait for an idle moment of the page: speech meters, the safety code. A call's
 * set-up keeps the main thread busy (offers, answers, the first render), and what does not have
 * to happen now should not stand in its way.
 */

/** Runs `run` when the page has nothing more urgent; returns a function that cancels it. */
export type Schedule = (run: () => void) => () => void

/** The longest anything waits for an idle moment. */
const IDLE_TIMEOUT_MS = 1_000

export const whenIdle: Schedule = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS })
    return () => cancelIdleCallback(id)
  }
  const timer = setTimeout(run, 0)
  return () => clearTimeout(timer)
}
