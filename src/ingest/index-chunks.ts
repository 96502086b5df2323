import { createHash } from 'node:crypto'
import type { Chunk } from '../chunk/chunk-document.ts'
import type { Embedder } from '../embed/embedder.ts'
import { encodeChunk, toSparsevecLiteral } from '../lexical/bm25.ts'
import type { ChunkRow } from '../store/chunk-store.ts'
import { type IngestProfiler, timed, timedSync } from './ingest-profile.ts'

const EMBED_BATCH = 64

/**
 * Turns chunks into rows for the store: the sparse BM25 vector and the dense
 * embedding both see the document title and heading path, which is often
 * where the words of a question are ("Leave › Annual leave").
 */
export async function indexChunks(
  title: string,
  chunks: readonly Chunk[],
  embedder: Embedder,
  profiler?: IngestProfiler,
): Promise<ChunkRow[]> {
  const contexts = chunks.map((c) => [title, ...c.headingPath, c.text].join('\n'))
  const embeddings = await timed(profiler, 'embed', async () => {
    const vectors: number[][] = []
    for (let i = 0; i < contexts.length; i += EMBED_BATCH) {
      vectors.push(...(await embedder.embed(contexts.slice(i, i + EMBED_BATCH), 'document')))
    }
    return vectors
  })
  return timedSync(profiler, 'bm25', () => chunks.map((chunk, i) => toRow(chunk, contexts[i] ?? chunk.text, embeddings[i] ?? [])))
}

function toRow(chunk: Chunk, context: string, embedding: number[]): ChunkRow {
  const lexical = encodeChunk(context)
  return {
    ordinal: chunk.ordinal,
    text: chunk.text,
    page: chunk.page,
    headingPath: chunk.headingPath.length > 0 ? chunk.headingPath.join(' › ') : null,
    charStart: chunk.charStart,
    charEnd: chunk.charEnd,
    tokenCount: lexical.length,
    contentHash: createHash('sha256').update(chunk.text).digest('hex').slice(0, 32),
    embedding,
    lexical: toSparsevecLiteral(lexical.weights),
    termIds: [...lexical.weights.keys()],
  }
}
