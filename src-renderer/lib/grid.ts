/** Tile grid shape: the columns and rows that give `count` tiles of `aspect` the largest size. */
export interface GridShape {
  cols: number
  rows: number
}

export function bestGrid(count: number, width: number, height: number, aspect = 16 / 9): GridShape {
  const n = Math.max(1, Math.floor(count))
  if (!(width > 0 && height > 0)) {
    const cols = Math.ceil(Math.sqrt(n))
    return { cols, rows: Math.ceil(n / cols) }
  }
  let best: GridShape = { cols: 1, rows: n }
  let bestWidth = -1
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols)
    // The widest tile of that aspect that fits a cell.
    const tileWidth = Math.min(width / cols, (height / rows) * aspect)
    // On a tie, more columns: side by side reads better than stacked in a landscape window.
    if (tileWidth >= bestWidth - 0.5) {
      best = { cols, rows }
      bestWidth = tileWidth
    }
  }
  return best
}
