import { describe, expect, it } from 'vitest'
import { bitrateCaps } from './bitrate.js'

describe('bitrateCaps', () => {
  it('gives one peer the most and shrinks caps as the room grows', () => {
    const caps = [1, 2, 3, 5, 7].map((n) => bitrateCaps(n).camera)
    expect(caps[0]).toBe(1_500_000)
    for (let i = 1; i < caps.length; i++) expect(caps[i]).toBeLessThanOrEqual(caps[i - 1]!)
  })

  it('keeps a full room of 8 (7 peers) within the upload budget, above a usable floor', () => {
    const { camera, screen } = bitrateCaps(7)
    expect(camera * 7).toBeLessThanOrEqual(2_400_000)
    expect(camera).toBeGreaterThanOrEqual(250_000)
    expect(screen).toBeGreaterThanOrEqual(500_000)
  })

  it('treats zero peers like one', () => {
    expect(bitrateCaps(0)).toEqual(bitrateCaps(1))
  })
})
