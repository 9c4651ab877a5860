/**
 * A cap on password hashes running at once. Each scrypt takes 16 MiB and a thread of libuv's pool
 * for about 30 ms; past the cap a request is refused at once rather than queued, so a flood of
 * password guesses can neither exhaust memory nor delay everyone else's hashes without bound.
 */
export const BUSY = Symbol('busy')

export class HashSlots {
  readonly #size: number
  #running = 0

  constructor(size: number) {
    this.#size = size
  }

  /** Runs `work` in a free slot; BUSY, without running it, when every slot is taken. */
  async run<T>(work: () => Promise<T>): Promise<T | typeof BUSY> {
    if (this.#running >= this.#size) return BUSY
    this.#running++
    try {
      return await work()
    } finally {
      this.#running--
    }
  }
}
