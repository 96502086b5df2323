import type { Chunk } from './chunk-document.ts'
import type { Embedder } from '../models/embed/embedder.ts'
import { LOCAL_EMBEDDING_MODEL } from '../models/embed/hashing-embedder.ts'
import type { ChunkRow } from '../store/chunk-store.ts'
import { type ChunkEncoder, createInlineChunkEncoder } from './chunk-encoder.ts'
import { type IngestProfiler, timed } from './ingest-profile.ts'

const EMBED_BATCH = 64

/**
 * Turns chunks into rows for the store: the sparse BM25 vector and the dense
 * embedding both see the document title and heading path, which is often
 * where the words of a question are ("Leave › Annual leave").
 * The encoder does the CPU work, in batches; the local hashing embedder is a
 * pure function of the text, so the encoder computes its vectors too, while a
 * provider's embedder is called from here (it waits on the network, not the CPU).
 */
export async function indexChunks(
  title: string,
  chunks: readonly Chunk[],
  embedder: Embedder,
  encoder: ChunkEncoder = createInlineChunkEncoder(),
  profiler?: IngestProfiler,
): Promise<ChunkRow[]> {
  const localDimensions = embedder.model === LOCAL_EMBEDDING_MODEL ? embedder.dimensions : null
  const rows: ChunkRow[] = []
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH)
    const contexts = batch.map((c) => [title, ...c.headingPath, c.text].join('\n'))
    const [encoded, embeddings] = await timed(profiler, 'encode', () =>
      Promise.all([
        encoder.encode({ contexts, texts: batch.map((c) => c.text), localDimensions }),
        localDimensions === null ? embedder.embed(contexts, 'document') : null,
      ]),
    )
    batch.forEach((chunk, i) => {
      const e = encoded[i]
      if (!e) throw new Error('the chunk encoder returned fewer chunks than it was given')
      rows.push({
        ordinal: chunk.ordinal,
        text: chunk.text,
        page: chunk.page,
        headingPath: chunk.headingPath.length > 0 ? chunk.headingPath.join(' › ') : null,
        charStart: chunk.charStart,
        charEnd: chunk.charEnd,
        tokenCount: e.tokenCount,
        contentHash: e.contentHash,
        embedding: embeddings?.[i] ?? e.embedding ?? [],
        lexical: e.lexical,
        termIds: e.termIds,
      })
    })
  }
  return rows
}
