import { createHash } from 'node:crypto'
import { embedTokens } from '../models/embed/hashing-embedder.ts'
import { encodeTokens, toSparsevecLiteral } from '../text/bm25.ts'
import { tokenize } from '../text/tokenize.ts'

export interface EncodeRequest {
  /** What BM25 and the embedder see: title, heading path and text. */
  contexts: string[]
  /** The chunk texts themselves, for the content hash. */
  texts: string[]
  /** Dimensions of the local hashing embedder to embed the contexts with, or null when another embedder does. */
  localDimensions: number | null
}

export interface EncodedChunk {
  tokenCount: number
  lexical: string
  termIds: number[]
  contentHash: string
  embedding: number[] | null
}

/** The CPU-bound part of indexing a batch of chunks; a pure function of its input. */
export async function encodeChunks(request: EncodeRequest): Promise<EncodedChunk[]> {
  const dimensions = request.localDimensions
  return request.contexts.map((context, i) => {
    // Stemming is most of the work: once for BM25 and the local embedder together.
    const tokens = tokenize(context)
    const lexical = encodeTokens(tokens)
    return {
      tokenCount: lexical.length,
      lexical: toSparsevecLiteral(lexical.weights),
      termIds: [...lexical.weights.keys()],
      contentHash: createHash('sha256')
        .update(request.texts[i] ?? '')
        .digest('hex')
        .slice(0, 32),
      embedding: dimensions === null ? null : embedTokens(tokens, dimensions),
    }
  })
}
