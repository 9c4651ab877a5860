/**
 * LocalMedia, AudioLevel and the device helpers in real Chromium with its fake camera, microphones,
 * speakers and screen (playwright.config.ts: --use-fake-device-for-media-stream and
 * --use-fake-ui-for-media-stream, so every permission is granted and there is no screen picker).
 * Refused permissions cannot be had under those flags; classify.test.ts covers that mapping.
 * Devices coming and going: media-devices.spec.ts; screens: media-screen.spec.ts.
 */
import { expect, test } from './engine-harness.js'
import { openMediaPage } from './media/open-page.js'

test.describe('local media', () => {
  test('start opens a live mic and camera with voice processing, in one stable preview', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      const preview = local.preview
      let events = 0
      local.on('tracks', () => events++)
      const result = await local.start({
        audio: true,
        video: true,
        devices: { audioInput: null, videoInput: null, audioOutput: null },
      })
      const { audio, video, screen } = local.tracks
      const settings = audio?.getSettings()
      return {
        errors: [result.audio, result.video],
        states: [audio?.readyState, video?.readyState],
        screen,
        samePreview: local.preview === preview,
        previewHolds: preview.getTracks().every((t) => t === audio || t === video),
        previewCount: preview.getTracks().length,
        voiceProcessing: [settings?.echoCancellation, settings?.noiseSuppression],
        on: [local.micEnabled, local.cameraEnabled],
        events,
      }
    })
    expect(seen).toEqual({
      errors: [null, null],
      states: ['live', 'live'],
      screen: null,
      samePreview: true,
      previewHolds: true,
      previewCount: 2,
      voiceProcessing: [true, true],
      on: [true, true],
      events: 1,
    })
  })

  test('mute flips enabled only: the same track stays live and in the preview', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.start({
        audio: true,
        video: false,
        devices: { audioInput: null, videoInput: null, audioOutput: null },
      })
      const before = local.tracks.audio
      let events = 0
      local.on('tracks', () => events++)
      await local.setMicEnabled(false)
      const muted = { enabled: before?.enabled, mic: local.micEnabled }
      await local.setMicEnabled(true)
      const after = local.tracks.audio
      return {
        muted,
        same: before === after,
        state: after?.readyState,
        inPreview: local.preview.getAudioTracks()[0] === after,
        enabled: after?.enabled,
        events,
      }
    })
    expect(seen).toEqual({
      muted: { enabled: false, mic: false },
      same: true,
      state: 'live',
      inPreview: true,
      enabled: true,
      events: 0,
    })
  })

  test('camera off stops the track and leaves the preview; on opens a new live one', async ({
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
      const first = local.tracks.video
      const emitted: (MediaStreamTrack | null)[] = []
      local.on('tracks', (tracks) => emitted.push(tracks.video))
      await local.setCameraEnabled(false)
      const off = {
        state: first?.readyState,
        inPreview: local.preview.getVideoTracks().length,
        camera: local.cameraEnabled,
      }
      const error = await local.setCameraEnabled(true)
      const second = local.tracks.video
      return {
        off,
        error,
        fresh: second !== null && second !== first,
        state: second?.readyState,
        inPreview: local.preview.getVideoTracks()[0] === second,
        emitted: emitted.map((t) => (t === null ? null : t === second)),
      }
    })
    expect(seen).toEqual({
      off: { state: 'ended', inPreview: 0, camera: false },
      error: null,
      fresh: true,
      state: 'live',
      inPreview: true,
      emitted: [null, true],
    })
  })

  test('switching devices swaps the track, stops the old one and keeps a muted mic muted', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.start({
        audio: true,
        video: true,
        devices: { audioInput: null, videoInput: null, audioOutput: null },
      })
      await local.setMicEnabled(false)
      const { audio: oldMic, video: oldCam } = local.tracks
      const devices = await navigator.mediaDevices.enumerateDevices()
      // The fake device flag gives three microphones ('default' and two more) but one camera.
      const mic = devices.find((d) => d.kind === 'audioinput' && d.deviceId !== 'default')
      const cameras = devices.filter((d) => d.kind === 'videoinput')
      const camera = cameras.find((d) => d.deviceId !== oldCam?.getSettings().deviceId)
      let events = 0
      local.on('tracks', () => events++)
      const micError = await local.switchDevice('audio', mic?.deviceId ?? '')
      // With a single fake camera, switching to the same camera still proves the swap: a new track
      // object, the old one stopped. Where Chromium gives two, this is a real switch.
      const cameraId = (camera ?? cameras[0])?.deviceId ?? ''
      const camError = await local.switchDevice('video', cameraId)
      const { audio: newMic, video: newCam } = local.tracks
      return {
        errors: [micError, camError],
        mic: {
          fresh: newMic !== oldMic,
          oldState: oldMic?.readyState,
          state: newMic?.readyState,
          device: newMic?.getSettings().deviceId === mic?.deviceId,
          enabled: newMic?.enabled,
          micEnabled: local.micEnabled,
        },
        cam: {
          fresh: newCam !== oldCam,
          oldState: oldCam?.readyState,
          state: newCam?.readyState,
          device: newCam?.getSettings().deviceId === cameraId,
        },
        preview: local.preview.getTracks().every((t) => t === newMic || t === newCam),
        events,
      }
    })
    expect(seen).toEqual({
      errors: [null, null],
      mic: {
        fresh: true,
        oldState: 'ended',
        state: 'live',
        device: true,
        enabled: false,
        micEnabled: false,
      },
      cam: { fresh: true, oldState: 'ended', state: 'live', device: true },
      preview: true,
      events: 2,
    })
  })

  test('without navigator.mediaDevices (an insecure page) every kind reports insecure', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia(null)
      const result = await local.start({
        audio: true,
        video: true,
        devices: { audioInput: null, videoInput: null, audioOutput: null },
      })
      const screen = await local.startScreenShare()
      return [result.audio?.problem, result.video?.problem, screen?.problem]
    })
    expect(seen).toEqual(['insecure', 'insecure', 'insecure'])
  })

  test('stop() ends every track and says nothing more', async ({ enginePages }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.start({
        audio: true,
        video: true,
        devices: { audioInput: null, videoInput: null, audioOutput: null },
      })
      await local.startScreenShare()
      const all = Object.values(local.tracks).filter((t): t is MediaStreamTrack => t !== null)
      let events = 0
      local.on('tracks', () => events++)
      local.stop()
      return {
        count: all.length,
        states: [...new Set(all.map((t) => t.readyState))],
        preview: local.preview.getTracks().length,
        tracks: Object.values(local.tracks),
        events,
      }
    })
    expect(seen).toEqual({
      count: 3,
      states: ['ended'],
      preview: 0,
      tracks: [null, null, null, null],
      events: 0,
    })
  })
})
