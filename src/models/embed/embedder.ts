/** The embedder port: texts in, dense vectors out, in batches. */
export interface Embedder {
  /** Stored with every chunk; retrieval only compares vectors of the same model. */
  readonly model: string
  readonly dimensions: number
  /**
   * Its vectors are built from the same words the keyword index holds: they rescore the keyword
   * and title candidates but find none of their own, so they need no vector index (the local
   * hashing embedder). Absent: a model that knows meanings, with its own nearest-passage list.
   */
  readonly rescoresOnly?: boolean
  embed(texts: readonly string[], purpose: 'document' | 'query'): Promise<number[][]>
}
