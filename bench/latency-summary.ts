export interface LatencySummary {
  p50: number
  p95: number
  mean: number
  max: number
  n: number
}

/** Nearest-rank percentiles, rounded to 0.01 ms. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length)
  return { p50: round2(rank(50)), p95: round2(rank(95)), mean: round2(mean), max: round2(sorted[sorted.length - 1] ?? 0), n: sorted.length }
}

export const round2 = (v: number): number => Math.round(v * 100) / 100
