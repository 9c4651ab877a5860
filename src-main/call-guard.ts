// While a call is on, the display must not sleep and closing the window must not end the call by
// accident. Both follow the renderer's `setCallState`.

/** The part of Electron's powerSaveBlocker the guard uses. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number
  stop(id: number): void
}

/** The user's answer to "Leave the call and close Noom?". */
export type CloseAnswer = 'leave' | 'stay'

export class CallGuard {
  readonly #blocker: PowerSaveBlockerLike
  #blockerId: number | null = null
  #asking = false
  #closeConfirmed = false

  constructor(blocker: PowerSaveBlockerLike) {
    this.#blocker = blocker
  }

  get inCall(): boolean {
    return this.#blockerId !== null
  }

  /** Starts or stops keeping the display awake; repeated calls with the same value do nothing. */
  setInCall(inCall: boolean): void {
    if (inCall && this.#blockerId === null) {
      this.#blockerId = this.#blocker.start('prevent-display-sleep')
    } else if (!inCall && this.#blockerId !== null) {
      this.#blocker.stop(this.#blockerId)
      this.#blockerId = null
    }
  }

  /**
   * For the window's 'close' event: true when the close must wait for the user (call
   * `event.preventDefault()` then), after which `ask` is shown once (a second click on close while
   * the question is open does not stack a second one) and `close` runs if the user chose to leave.
   * Once confirmed, the next close goes through.
   */
  interceptClose(ask: () => Promise<CloseAnswer>, close: () => void): boolean {
    if (!this.inCall || this.#closeConfirmed) return false
    if (this.#asking) return true
    this.#asking = true
    void ask()
      .catch((): CloseAnswer => 'stay')
      .then((answer) => {
        this.#asking = false
        if (answer !== 'leave') return
        this.#closeConfirmed = true
        close()
      })
    return true
  }
}
