/** Keyboard movement in a group of radio-like items (one tab stop, arrows move within). */

/** Where a key moves within a group of `length`: wrapping arrows, Home, End; null for others. */
export function rovingTarget(key: string, index: number, length: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % length
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + length) % length
    case 'Home':
      return 0
    case 'End':
      return length - 1
    default:
      return null
  }
}

/** The group's tab stop: the chosen item, else the first. */
export function rovingTabIndex(chosenIndex: number, index: number): 0 | -1 {
  return index === (chosenIndex === -1 ? 0 : chosenIndex) ? 0 : -1
}
