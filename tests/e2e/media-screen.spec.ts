/**
 * Screen sharing through LocalMedia in real Chromium, whose fake UI answers getDisplayMedia with a
 * fake screen (and fake system audio when asked) without showing a picker.
 */
import { expect, test } from './engine-harness.js'
import { openMediaPage } from './media/open-page.js'

test.describe('screen share', () => {
  test('gives a live screen track tuned for detail, system audio only when asked', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      let events = 0
      local.on('tracks', () => events++)
      const plain = await local.startScreenShare()
      const first = local.tracks
      const firstState = first.screen?.readyState
      const withAudio = await local.startScreenShare({ systemAudio: true })
      const second = local.tracks
      return {
        errors: [plain, withAudio],
        first: {
          state: firstState,
          hint: first.screen?.contentHint,
          audio: first.screenAudio,
        },
        // A second share replaces the first one.
        replaced: first.screen?.readyState,
        second: {
          state: second.screen?.readyState,
          hint: second.screen?.contentHint,
          audio: second.screenAudio?.readyState,
          audioHint: second.screenAudio?.contentHint,
        },
        preview: local.preview.getTracks().length,
        events,
      }
    })
    expect(seen).toEqual({
      errors: [null, null],
      first: { state: 'live', hint: 'detail', audio: null },
      replaced: 'ended',
      second: { state: 'live', hint: 'detail', audio: 'live', audioHint: '' },
      preview: 0,
      events: 2,
    })
  })

  test('stopScreenShare stops the tracks and updates the senders', async ({ enginePages }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.startScreenShare({ systemAudio: true })
      const { screen, screenAudio } = local.tracks
      const emitted: (MediaStreamTrack | null)[] = []
      let ended = 0
      local.on('tracks', (tracks) => emitted.push(tracks.screen))
      local.on('screen-ended', () => ended++)
      local.stopScreenShare()
      return {
        states: [screen?.readyState, screenAudio?.readyState],
        emitted,
        ended,
        tracks: [local.tracks.screen, local.tracks.screenAudio],
      }
    })
    expect(seen).toEqual({
      states: ['ended', 'ended'],
      emitted: [null],
      ended: 0,
      tracks: [null, null],
    })
  })

  test('the browser or OS "stop sharing" ends the share: screen-ended, then tracks', async ({
    enginePages,
  }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.startScreenShare({ systemAudio: true })
      const { screen, screenAudio } = local.tracks
      const order: string[] = []
      local.on('screen-ended', () => order.push('screen-ended'))
      local.on('tracks', (tracks) =>
        order.push(tracks.screen === null ? 'tracks:no-screen' : 'tracks:screen'),
      )
      // The real "stop sharing" ends the track from the browser side, which fires 'ended'. Our
      // track.stop() ends it without firing 'ended' (per spec), so stop it, then fire 'ended' the
      // way the browser would.
      screen?.stop()
      screen?.dispatchEvent(new Event('ended'))
      return {
        order,
        audio: screenAudio?.readyState,
        tracks: [local.tracks.screen, local.tracks.screenAudio],
      }
    })
    expect(seen).toEqual({
      order: ['screen-ended', 'tracks:no-screen'],
      audio: 'ended',
      tracks: [null, null],
    })
  })

  test('a cancelled picker is permission-denied and changes nothing', async ({ enginePages }) => {
    const page = await openMediaPage(enginePages)
    const seen = await page.evaluate(async () => {
      const local = new window.media.LocalMedia()
      await local.startScreenShare()
      const sharing = local.tracks.screen
      let events = 0
      local.on('tracks', () => events++)
      // The fake UI never cancels; a user closing the picker rejects like this.
      navigator.mediaDevices.getDisplayMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
      const error = await local.startScreenShare()
      return {
        problem: error?.problem,
        kind: error?.kind,
        kept: local.tracks.screen === sharing && sharing?.readyState === 'live',
        events,
      }
    })
    expect(seen).toEqual({ problem: 'permission-denied', kind: 'screen', kept: true, events: 0 })
  })
})
