import { queryTerms } from '../text/bm25.ts'

/**
 * Share of the question's IDF weight that a text contains: 1 when every
 * meaningful word of the question appears, near 0 when only common words do.
 */
export function termCoverage(text: string, termWeights: ReadonlyMap<number, number>): number {
  let total = 0
  for (const weight of termWeights.values()) total += weight
  if (total <= 0) return 0
  const present = queryTerms(text)
  let matched = 0
  for (const [term, weight] of termWeights) if (present.has(term)) matched += weight
  return matched / total
}
