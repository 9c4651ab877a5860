/**
 * How loud a MediaStream's audio is, and whether someone is speaking: a Web Audio AnalyserNode
 * sampled on a timer. Used for the microphone meter and for every participant's speaking highlight.
 *
 * Chromium feeds a remote (WebRTC) stream into Web Audio only while a media element is also playing
 * that stream, so measure remote audio that is attached to its <audio> element.
 */
import { nextSpeaking, rms, rmsToLevel, SILENT, smoothLevel, SPEAKING } from './speaking.js'
import type { SpeakingOptions, SpeakingState } from './speaking.js'

export interface AudioLevelOptions {
  /**
   * A context to share: one per participant adds up, so the call engine should pass one. Closing
   * the AudioLevel then leaves it open. Without it, the AudioLevel makes and closes its own.
   */
  context?: AudioContext
  /** Sampling period. A timer, not requestAnimationFrame: it keeps running in a hidden window. */
  intervalMs?: number
  speaking?: SpeakingOptions
}

/** Listeners hear about changes only: a level move of at least this much, or speaking flipping. */
const LEVEL_STEP = 0.01

export class AudioLevel {
  readonly #context: AudioContext
  readonly #ownsContext: boolean
  readonly #analyser: AnalyserNode
  readonly #source: MediaStreamAudioSourceNode | null
  readonly #samples: Float32Array<ArrayBuffer>
  readonly #timer: ReturnType<typeof setInterval>
  readonly #options: SpeakingOptions
  readonly #listeners = new Set<(level: number, speaking: boolean) => void>()
  readonly #speakingListeners = new Set<(speaking: boolean) => void>()
  #level = 0
  #reported = 0
  #speaking: SpeakingState = SILENT

  /** Measures the first audio track of `stream` (as it is now; make a new AudioLevel for another). */
  constructor(stream: MediaStream, options: AudioLevelOptions = {}) {
    this.#ownsContext = !options.context
    this.#context = options.context ?? new AudioContext()
    this.#options = options.speaking ?? SPEAKING
    // ~85 ms of audio at 48 kHz: close to the sampling period, so little sound falls between samples.
    this.#analyser = new AnalyserNode(this.#context, { fftSize: 4096 })
    this.#samples = new Float32Array(this.#analyser.fftSize)
    // createMediaStreamSource throws on a stream without audio: measure silence instead.
    this.#source =
      stream.getAudioTracks().length > 0 ? this.#context.createMediaStreamSource(stream) : null
    this.#source?.connect(this.#analyser)
    // A context made without a user gesture may start suspended (autoplay policy).
    if (this.#context.state === 'suspended') void this.#context.resume().catch(() => undefined)
    this.#timer = setInterval(() => this.#sample(), options.intervalMs ?? 100)
  }

  /** 0..1, smoothed. */
  get level(): number {
    return this.#level
  }
  get speaking(): boolean {
    return this.#speaking.speaking
  }

  /** Calls `listener` when the level or speaking changes (a meter); returns the unsubscribe. */
  onChange(listener: (level: number, speaking: boolean) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Calls `listener` only when speaking flips (a highlight); returns the unsubscribe. */
  onSpeakingChange(listener: (speaking: boolean) => void): () => void {
    this.#speakingListeners.add(listener)
    return () => this.#speakingListeners.delete(listener)
  }

  close(): void {
    clearInterval(this.#timer)
    this.#listeners.clear()
    this.#speakingListeners.clear()
    this.#source?.disconnect()
    this.#analyser.disconnect()
    if (this.#ownsContext) void this.#context.close().catch(() => undefined)
  }

  #sample(): void {
    this.#analyser.getFloatTimeDomainData(this.#samples)
    this.#level = smoothLevel(this.#level, rmsToLevel(rms(this.#samples)))
    const before = this.#speaking.speaking
    this.#speaking = nextSpeaking(this.#speaking, this.#level, performance.now(), this.#options)
    const speaking = this.#speaking.speaking
    const flipped = before !== speaking
    if (flipped) for (const listener of [...this.#speakingListeners]) listener(speaking)
    if (!flipped && Math.abs(this.#level - this.#reported) < LEVEL_STEP) return
    this.#reported = this.#level
    for (const listener of [...this.#listeners]) listener(this.#level, speaking)
  }
}
