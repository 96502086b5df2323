/** nDCG@k with graded relevance (BEIR's definition: gain = rel, discount = log2(rank + 1)). */
export function ndcgAtK(ranked: readonly string[], relevant: ReadonlyMap<string, number>, k: number): number {
  let dcg = 0
  ranked.slice(0, k).forEach((id, i) => {
    dcg += (relevant.get(id) ?? 0) / Math.log2(i + 2)
  })
  const ideal = [...relevant.values()].sort((a, b) => b - a).slice(0, k)
  const idcg = ideal.reduce((sum, rel, i) => sum + rel / Math.log2(i + 2), 0)
  return idcg === 0 ? 0 : dcg / idcg
}

export function recallAtK(ranked: readonly string[], relevant: ReadonlyMap<string, number>, k: number): number {
  const wanted = [...relevant.entries()].filter(([, rel]) => rel > 0).map(([id]) => id)
  if (wanted.length === 0) return 0
  const top = new Set(ranked.slice(0, k))
  return wanted.filter((id) => top.has(id)).length / wanted.length
}
