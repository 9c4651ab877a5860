/**
 * A peer's new remote streams, held back from the offer that brings them until the connection can
 * spare the render they start. A stream's listeners render a tile: run inside the offer's
 * `setRemoteDescription`, that render would come between the offer and our answer; run as soon as
 * the answer is out, it would hold up the ICE candidates still on their way, and with them the
 * connection's checks. So the streams wait until the signal queue is empty and the remote side has
 * sent its last candidate, or until the connection is up, whichever comes first.
 *
 * The candidates themselves are not awaited one by one (peer.ts): the connection's operations chain
 * applies them in order, and awaiting each cost a turn of a busy main thread, ~40–440 ms each with
 * four members on two cores (bench/README.md).
 */
export class HeldStreams {
  #held: Array<() => void> | null = null
  #candidatesIn = false
  #connected = false

  /** Runs `report` now, or when released if holding. */
  report(report: () => void): void {
    if (this.#held) this.#held.push(report)
    else report()
  }

  /** A remote description is being applied: what it brings waits for its candidates. */
  described(): void {
    this.#held ??= []
    this.#candidatesIn = false
  }

  /** The remote side's end of candidates came. */
  candidatesIn(): void {
    this.#candidatesIn = true
  }

  /** The signal queue is empty: release if nothing more is worth waiting for. */
  idle(): void {
    if (this.#candidatesIn || this.#connected) this.#release()
  }

  /** The connection is up (release now) or lost (wait for candidates again). */
  connected(up: boolean): void {
    this.#connected = up
    if (up) this.#release()
  }

  #release(): void {
    const held = this.#held
    this.#held = null
    for (const report of held ?? []) report()
  }
}
