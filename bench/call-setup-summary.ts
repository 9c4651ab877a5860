/** Summaries of a figure's samples: count, nearest-rank median and p90, lowest and highest. */

export interface Summary {
  n: number
  median: number
  p90: number
  min: number
  max: number
}

/** Nearest-rank percentile of sorted values. */
function rank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!
}

export function summary(values: readonly (number | null | undefined)[]): Summary {
  const sorted = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b)
  return {
    n: sorted.length,
    median: rank(sorted, 50),
    p90: rank(sorted, 90),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  }
}
