import { Embeddings } from '@langchain/core/embeddings'
import type { Embedder } from '../../src/models/embed/embedder.ts'
import { createHashingEmbedder } from '../../src/models/embed/hashing-embedder.ts'

/**
 * DocuQuery's local hashing embedder behind LangChain's `Embeddings` class, so
 * that the peer pipeline embeds exactly as DocuQuery does and only the
 * pipelines differ. Counts the time spent embedding for the stage breakdown.
 */
export class HashingEmbeddings extends Embeddings {
  readonly dimensions: number
  embedMs = 0
  private readonly embedder: Embedder

  constructor(embedder: Embedder = createHashingEmbedder()) {
    super({})
    this.embedder = embedder
    this.dimensions = embedder.dimensions
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const start = performance.now()
    const vectors = await this.embedder.embed(texts, 'document')
    this.embedMs += performance.now() - start
    return vectors
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedder.embed([text], 'query')
    if (!vector) throw new Error('the embedder returned no vector')
    return vector
  }
}
