import { createHash } from 'node:crypto'
import type { Chunk } from '../chunk/chunk-document.ts'
import type { Embedder } from '../embed/embedder.ts'
import { encodeChunk, toSparsevecLiteral } from '../lexical/bm25.ts'
import type { ChunkRow } from '../store/chunk-store.ts'

const EMBED_BATCH = 64

/**
 * Turns chunks into rows for the store: the sparse BM25 vector and the dense
 * embedding both see the document title and heading path, which is often
 * where the words of a question are ("Leave › Annual leave").
 */
export async function indexChunks(title: string, chunks: readonly Chunk[], embedder: Embedder): Promise<ChunkRow[]> {
  const contexts = chunks.map((c) => [title, ...c.headingPath, c.text].join('\n'))
  const embeddings: number[][] = []
  for (let i = 0; i < contexts.length; i += EMBED_BATCH) {
    embeddings.push(...(await embedder.embed(contexts.slice(i, i + EMBED_BATCH), 'document')))
  }
  return chunks.map((chunk, i) => {
    const lexical = encodeChunk(contexts[i] ?? chunk.text)
    return {
      ordinal: chunk.ordinal,
      text: chunk.text,
      page: chunk.page,
      headingPath: chunk.headingPath.length > 0 ? chunk.headingPath.join(' › ') : null,
      charStart: chunk.charStart,
      charEnd: chunk.charEnd,
      tokenCount: lexical.length,
      contentHash: createHash('sha256').update(chunk.text).digest('hex').slice(0, 32),
      embedding: embeddings[i] ?? [],
      lexical: toSparsevecLiteral(lexical.weights),
      termIds: [...lexical.weights.keys()],
    }
  })
}
