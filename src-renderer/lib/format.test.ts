import { describe, expect, it } from 'vitest'
import { AVATAR_HUES, avatarHue, clockTime, initials } from './format.js'
import { bestGrid } from './grid.js'

describe('format', () => {
  it('gives local HH:MM', () => {
    expect(clockTime(new Date(2026, 0, 2, 9, 5).getTime())).toBe('09:05')
    expect(clockTime(new Date(2026, 0, 2, 23, 59).getTime())).toBe('23:59')
  })

  it('takes up to two initials and keeps emoji whole', () => {
    expect(initials('ann lee smith')).toBe('AL')
    expect(initials('  bo ')).toBe('B')
    expect(initials('😀 party')).toBe('😀P')
    expect(initials('김철수')).toBe('김')
  })

  it('gives each name a stable avatar colour', () => {
    expect(avatarHue('Ann')).toBe(avatarHue('Ann'))
    expect(avatarHue('Ann')).toBeGreaterThanOrEqual(0)
    expect(avatarHue('Ann')).toBeLessThan(AVATAR_HUES)
  })
})

describe('bestGrid', () => {
  it('uses one tile for one person and side by side for two in a wide window', () => {
    expect(bestGrid(1, 1600, 900)).toEqual({ cols: 1, rows: 1 })
    expect(bestGrid(2, 1600, 900)).toEqual({ cols: 2, rows: 1 })
  })

  it('stacks two in a tall, narrow window', () => {
    expect(bestGrid(2, 480, 800)).toEqual({ cols: 1, rows: 2 })
  })

  it('picks the shape with the largest tiles, even with an empty cell', () => {
    expect(bestGrid(4, 1600, 900)).toEqual({ cols: 2, rows: 2 })
    expect(bestGrid(8, 1600, 900)).toEqual({ cols: 3, rows: 3 })
    expect(bestGrid(8, 2400, 600)).toEqual({ cols: 4, rows: 2 })
  })

  it('falls back to a square-ish grid before the size is known', () => {
    expect(bestGrid(5, 0, 0)).toEqual({ cols: 3, rows: 2 })
  })
})
