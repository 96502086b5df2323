/**
 * Weighted reciprocal rank fusion (Cormack et al. 2009): each list contributes
 * weight / (k + rank). Rank-based, so BM25 scores and cosine distances never
 * have to be put on one scale.
 */
export function fuseRankings(lists: ReadonlyArray<{ ids: readonly number[]; weight: number }>, k = 60): Map<number, number> {
  const fused = new Map<number, number>()
  for (const { ids, weight } of lists) {
    ids.forEach((id, index) => fused.set(id, (fused.get(id) ?? 0) + weight / (k + index + 1)))
  }
  return fused
}
