import { describe, expect, it } from 'vitest'
import { cameraEncoding, FULL, trackSize } from './view.js'

const HD = { width: 1280, height: 720 }

describe('cameraEncoding', () => {
  it('sends the whole picture until the receiver says, and nothing once it shows none', () => {
    expect(cameraEncoding(HD, undefined)).toEqual(FULL)
    expect(cameraEncoding(HD, null)).toEqual({ scale: 1, active: false })
  })

  it('scales down to the step that still fills the tile, cropped as the tile crops it', () => {
    // Four members in 628 × 278 tiles: the picture is shown 628 wide, 353 high (cropped to 278).
    expect(cameraEncoding(HD, { width: 628, height: 278 })).toEqual({ scale: 2, active: true })
    // Two members in tall 628 × 564 tiles: shown at 1003 × 564, so 1280 ÷ 1.25 = 1024 wide.
    expect(cameraEncoding(HD, { width: 628, height: 564 })).toEqual({ scale: 1.25, active: true })
    // A thumbnail beside a screen share.
    expect(cameraEncoding(HD, { width: 192, height: 108 })).toEqual({ scale: 6, active: true })
    expect(cameraEncoding(HD, { width: 40, height: 30 })).toEqual({ scale: 8, active: true })
  })

  it('never scales up, and never below what the tile shows', () => {
    expect(cameraEncoding(HD, { width: 2560, height: 1440 })).toEqual(FULL)
    expect(cameraEncoding(HD, { width: 1279, height: 719 })).toEqual(FULL)
    for (const shown of [
      { width: 300, height: 300 },
      { width: 900, height: 200 },
      { width: 641, height: 361 },
    ]) {
      const { scale } = cameraEncoding(HD, shown)
      const fill = Math.max(shown.width / HD.width, shown.height / HD.height)
      expect(HD.width / scale).toBeGreaterThanOrEqual(HD.width * fill)
    }
  })

  it('sends the whole picture of a camera whose size is not known', () => {
    expect(cameraEncoding(null, { width: 320, height: 180 })).toEqual(FULL)
  })
})

describe('trackSize', () => {
  it('reads the capture size from the settings, or says it is not known', () => {
    const track = (settings: MediaTrackSettings) =>
      ({ getSettings: () => settings }) as unknown as MediaStreamTrack
    expect(trackSize(track({ width: 640, height: 480 }))).toEqual({ width: 640, height: 480 })
    expect(trackSize(track({}))).toBeNull()
    expect(trackSize(null)).toBeNull()
  })
})
