/**
 * Events about members, handled in the order they came, even when one has to wait: a member who
 * joins while we hold no unexpired TURN credentials gets their peer connection only once fresh
 * ones have come (engine/ice-refresh.ts), and what the server says after that arrival (their
 * signals, their leaving, a rejoin) waits behind it. Nothing waits while nothing is held.
 */
export class InOrder {
  #tail: Promise<void> | null = null
  #closed = false
  readonly #onError: (error: unknown) => void

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError
  }

  /** Handles `event` now, or after what is held. */
  run(event: () => void): void {
    this.after(null, event)
  }

  /** Handles `event` once `wait` (which never rejects) and everything held before it are done. */
  after(wait: Promise<void> | null, event: () => void): void {
    if (this.#closed) return
    if (!wait && !this.#tail) {
      event()
      return
    }
    const tail = (this.#tail ?? Promise.resolve())
      .then(() => wait)
      .then(() => {
        if (!this.#closed) event()
      })
      .catch(this.#onError)
    this.#tail = tail
    void tail.then(() => {
      if (this.#tail === tail) this.#tail = null
    })
  }

  /** Drops whatever is held; nothing runs from now on. */
  close(): void {
    this.#closed = true
    this.#tail = null
  }
}
