import { describe, expect, it } from 'vitest'
import { rovingTabIndex, rovingTarget } from './roving.js'

describe('roving focus', () => {
  it('moves with wrapping arrows, Home and End, and ignores other keys', () => {
    expect(rovingTarget('ArrowRight', 2, 3)).toBe(0)
    expect(rovingTarget('ArrowDown', 0, 3)).toBe(1)
    expect(rovingTarget('ArrowLeft', 0, 3)).toBe(2)
    expect(rovingTarget('ArrowUp', 2, 3)).toBe(1)
    expect(rovingTarget('Home', 2, 3)).toBe(0)
    expect(rovingTarget('End', 0, 3)).toBe(2)
    expect(rovingTarget('a', 0, 3)).toBeNull()
  })

  it('makes the chosen item the tab stop, else the first', () => {
    expect([0, 1, 2].map((i) => rovingTabIndex(1, i))).toEqual([-1, 0, -1])
    expect([0, 1, 2].map((i) => rovingTabIndex(-1, i))).toEqual([0, -1, -1])
  })
})
