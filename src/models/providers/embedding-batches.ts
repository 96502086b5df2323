/**
 * Groups texts into requests within a provider's limits: at most `maxInputs`
 * texts and roughly `maxTokens` tokens per request (4 characters a token is
 * conservative for the English and code these documents mostly hold).
 */
export function embeddingBatches(texts: readonly string[], limits: { maxInputs: number; maxTokens: number }): string[][] {
  const batches: string[][] = []
  let current: string[] = []
  let tokens = 0
  for (const text of texts) {
    const estimate = Math.ceil(text.length / 4) + 1
    if (current.length > 0 && (current.length >= limits.maxInputs || tokens + estimate > limits.maxTokens)) {
      batches.push(current)
      current = []
      tokens = 0
    }
    current.push(text)
    tokens += estimate
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Dimensions of the models we know; others need EMBEDDINGS_DIMENSIONS. */
export const knownEmbeddingDimensions: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
  'text-embedding-004': 768,
  'gemini-embedding-001': 3072,
}
