/**
 * Devices coming and going, in real Chromium with its fake devices (three microphones counting
 * 'default', one camera, three speakers). Fake devices cannot be unplugged, so an unplug is played
 * the way the browser reports one: the track ends and fires 'ended', and 'devicechange' fires.
 */
import { expect, test } from './engine-harness.js'
import { openMediaPage } from './media/open-page.js'

test.describe('device changes', () => {
  test('a device that is not there fails the switch (keeping the old one) but not the start', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      // A saved choice from yesterday's camera: start falls back to the default one.
      const result = await local.start({
        audio: false,
        video: true,
        devices: { audioInput: null, videoInput: 'unplugged-camera', audioOutput: null },
      })
      const camera = local.tracks.video
      const error = await local.switchDevice('video', 'another-unplugged-camera')
      return {
        start: result.video,
        state: camera?.readyState,
        problem: error?.problem,
        kind: error?.kind,
        kept: local.tracks.video === camera && camera?.readyState === 'live',
      }
    })
    expect(seen).toEqual({
      start: null,
      state: 'live',
      problem: 'overconstrained',
      kind: 'video',
      kept: true,
    })
  })

  test('a lost device falls back to the default one and says which was lost', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      const devices = await navigator.mediaDevices.enumerateDevices()
      const mic = devices.find((d) => d.kind === 'audioinput' && d.deviceId !== 'default')
      await local.start({
        audio: true,
        video: false,
        devices: { audioInput: mic?.deviceId ?? null, videoInput: null, audioOutput: null },
      })
      const lostTrack = local.tracks.audio
      const lost = new Promise<[string, string]>((resolve) =>
        local.on('device-lost', (kind, label) => resolve([kind, label])),
      )
      // Fake devices cannot be unplugged. An unplugged device ends its track and the browser fires
      // 'devicechange'; stop() ends the track without the 'ended' event, so dispatch the
      // devicechange ourselves: LocalMedia sees the ended track and recovers.
      lostTrack?.stop()
      navigator.mediaDevices.dispatchEvent(new Event('devicechange'))
      const [kind, label] = await lost
      const now = local.tracks.audio
      return {
        kind,
        label: label === mic?.label,
        fresh: now !== null && now !== lostTrack,
        state: now?.readyState,
        device: now?.getSettings().deviceId,
        inPreview: local.preview.getAudioTracks().length,
      }
    })
    expect(seen).toEqual({
      kind: 'audio',
      label: true,
      fresh: true,
      state: 'live',
      device: 'default',
      inPreview: 1,
    })
  })

  test('a camera track ended from outside (device yanked) is replaced by the default camera', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.start({
        audio: false,
        video: true,
        devices: { audioInput: null, videoInput: null, audioOutput: null },
      })
      const yanked = local.tracks.video
      const lost = new Promise<string>((resolve) =>
        local.on('device-lost', (kind) => resolve(kind)),
      )
      // As in the browser when a device goes away: the track ends and fires 'ended'.
      yanked?.stop()
      yanked?.dispatchEvent(new Event('ended'))
      const kind = await lost
      const now = local.tracks.video
      return { kind, fresh: now !== null && now !== yanked, state: now?.readyState }
    })
    expect(seen).toEqual({ kind: 'video', fresh: true, state: 'live' })
  })
})

test.describe('device helpers', () => {
  test('lists the fake devices by kind, with labels once permission is granted', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const lists = await page.evaluate(async () => {
      await navigator.mediaDevices.getUserMedia({ audio: true, video: true })
      return window.media.listDevices()
    })
    expect(lists.audioInputs.length).toBeGreaterThanOrEqual(2)
    expect(lists.videoInputs.length).toBeGreaterThanOrEqual(1)
    expect(lists.audioOutputs.length).toBeGreaterThanOrEqual(2)
    for (const list of [lists.audioInputs, lists.videoInputs, lists.audioOutputs]) {
      expect(list.map((d) => d.index)).toEqual(list.map((_, i) => i + 1))
      expect(list.every((d) => d.deviceId !== '' && d.label !== '')).toBe(true)
    }
  })

  test('plays on a chosen speaker, and says so when the speaker is not there', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const { listDevices, setSpeaker, supportsSpeakerSelection } = window.media
      const speaker = (await listDevices()).audioOutputs.find((d) => d.deviceId !== 'default')
      const audio = document.createElement('audio')
      const chosen = await setSpeaker(audio, speaker?.deviceId ?? '')
      const sinkAfterChoice = audio.sinkId === speaker?.deviceId
      const missing = await setSpeaker(audio, 'no-such-speaker')
      const back = await setSpeaker(audio, null)
      return { supported: supportsSpeakerSelection(), chosen, sinkAfterChoice, missing, back }
    })
    expect(seen).toEqual({
      supported: true,
      chosen: true,
      sinkAfterChoice: true,
      missing: false,
      back: true,
    })
  })
})
