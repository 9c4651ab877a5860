/**
 * Reports held back while some work runs, then given in the order they came. A peer holds its new
 * remote streams from an offer until the signals queued behind it (its ICE candidates) are applied
 * too: a stream's listeners render a tile, and that render would otherwise run between the offer
 * and our answer, or before the candidates that let the connection start its checks.
 */
export class Held {
  #held: Array<() => void> | null = null

  /** Runs `report` now, or when released if holding. */
  report(report: () => void): void {
    if (this.#held) this.#held.push(report)
    else report()
  }

  /** Holds reports from now until `release`. */
  hold(): void {
    this.#held ??= []
  }

  /** Gives the held reports in order, and holds no more. */
  release(): void {
    const held = this.#held
    this.#held = null
    for (const report of held ?? []) report()
  }
}
