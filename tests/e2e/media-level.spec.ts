/**
 * AudioLevel in real Chromium, on its fake microphone (which beeps for 20 ms every 500 ms) and on a
 * tone we switch on and off.
 */
import { expect, test } from './engine-harness.js'
import { openMediaPage } from './media/open-page.js'

test.describe('audio level', () => {
  test('hears the fake microphone beep', async ({ enginePages }) => {
    const page = await openMediaPage(enginePages)
    const peak = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.start({
        audio: true,
        video: false,
        devices: { audioInput: null, videoInput: null, audioOutput: null },
      })
      const meter = new window.media.AudioLevel(local.preview)
      const heard = await new Promise<number>((resolve) => {
        meter.onChange((level) => {
          if (level > 0) resolve(level)
        })
        setTimeout(() => resolve(meter.level), 5000)
      })
      meter.close()
      local.stop()
      return heard
    })
    expect(peak).toBeGreaterThan(0)
    expect(peak).toBeLessThanOrEqual(1)
  })

  test('turns speaking on after sound lasts and off after silence lasts', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      // A tone we can switch on and off, as a MediaStream like any microphone's.
      const context = new AudioContext()
      const tone = new OscillatorNode(context, { frequency: 440 })
      const volume = new GainNode(context, { gain: 0 })
      const output = context.createMediaStreamDestination()
      tone.connect(volume).connect(output)
      tone.start()
      const meter = new window.media.AudioLevel(output.stream, { context })
      const flips: boolean[] = []
      meter.onSpeakingChange((speaking) => flips.push(speaking))
      const until = (speaking: boolean): Promise<number> => {
        const since = performance.now()
        return new Promise((resolve) => {
          const off = meter.onChange((_level, now) => {
            if (now !== speaking) return
            off()
            resolve(performance.now() - since)
          })
        })
      }
      const quietAtStart = meter.speaking
      volume.gain.value = 0.5
      const onAfter = await until(true)
      const loudLevel = meter.level
      volume.gain.value = 0
      const offAfter = await until(false)
      meter.close()
      // The meter leaves a shared context open for its other users.
      const contextState = context.state
      await context.close()
      return { quietAtStart, onAfter, loudLevel, offAfter, contextState, flips }
    })
    expect(seen.quietAtStart).toBe(false)
    expect(seen.onAfter).toBeGreaterThanOrEqual(150)
    expect(seen.onAfter).toBeLessThan(1500)
    expect(seen.loudLevel).toBeGreaterThan(0.7)
    expect(seen.offAfter).toBeGreaterThanOrEqual(400)
    expect(seen.offAfter).toBeLessThan(2500)
    expect(seen.contextState).toBe('running')
    expect(seen.flips).toEqual([true, false])
  })
})
