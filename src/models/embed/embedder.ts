/** The embedder port: texts in, dense vectors out, in batches. */
export interface Embedder {
  /** Stored with every chunk; retrieval only compares vectors of the same model. */
  readonly model: string
  readonly dimensions: number
  embed(texts: readonly string[], purpose: 'document' | 'query'): Promise<number[][]>
}
