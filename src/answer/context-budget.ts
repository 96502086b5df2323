/**
 * A cheap token estimate: about 4 characters per token for English prose and
 * code, never fewer tokens than 1.3 per word. It errs on the high side, so a
 * budget is not exceeded in practice; exact counts come back from the provider.
 */
export function estimateTokens(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length
  return Math.ceil(Math.max(text.length / 4, words * 1.3))
}

/**
 * Keeps passages in rank order while they fit in the per-question token
 * budget; the best passage is always kept, cut to the budget if it alone is
 * too long.
 */
export function fitToBudget<T extends { text: string }>(passages: readonly T[], budgetTokens: number): T[] {
  const kept: T[] = []
  let used = 0
  for (const passage of passages) {
    const cost = estimateTokens(passage.text) + 20 // the passage tag and its attributes
    if (used + cost > budgetTokens) {
      if (kept.length === 0) kept.push({ ...passage, text: passage.text.slice(0, Math.max(200, budgetTokens * 4 - 80)) })
      break
    }
    kept.push(passage)
    used += cost
  }
  return kept
}
