import { Document } from '@langchain/core/documents'
import { chunkDocument } from '../../src/ingest/chunk-document.ts'
import { paragraphBlocks } from '../../src/ingest/parse/text/text-blocks.ts'
import type { ScifactDoc } from '../scifact.ts'
import type { LangchainStore } from './langchain-pipeline.ts'

/** PGVectorStore's own INSERT batch is 500 rows; documents are handed over in batches of that size. */
const ADD_BATCH = 500

/**
 * Fills a PGVectorStore with the very chunks DocuQuery's bench loader
 * (chunk-corpus.ts) stores, in the same order: SciFact abstracts → paragraph
 * blocks → chunkDocument, one abstract after another, copies past the end of
 * the corpus titled "… [copy N]". The page content is the title and the chunk
 * text, which DocuQuery also embeds together, so copies are distinct vectors.
 */
export function createLangchainChunkLoader(target: LangchainStore, corpus: readonly ScifactDoc[]) {
  const chunked = corpus.map((doc) => chunkDocument(paragraphBlocks(doc.text)))
  let next = 0
  const progress = { chunks: 0, documents: 0 }

  return {
    progress,
    /** Adds whole abstracts until at least `chunks` chunks and `documents` documents are stored. */
    async loadUpTo(chunks: number, documents = 0): Promise<number> {
      const start = performance.now()
      let pending: Document[] = []
      const flush = async () => {
        if (pending.length > 0) await target.store.addDocuments(pending)
        pending = []
      }
      while (progress.chunks < chunks || progress.documents < documents) {
        const index = next % corpus.length
        const copy = Math.floor(next / corpus.length) + 1
        next++
        const doc = corpus[index]
        const pieces = chunked[index]
        if (!doc || !pieces || pieces.length === 0) continue
        const title = copy === 1 ? doc.title : `${doc.title} [copy ${copy}]`
        for (const piece of pieces) {
          pending.push(new Document({ pageContent: `${title}\n${piece.text}`, metadata: { source: `scifact/${doc.id}/copy-${copy}`, title, ordinal: piece.ordinal } }))
        }
        progress.chunks += pieces.length
        progress.documents++
        if (pending.length >= ADD_BATCH) await flush()
      }
      await flush()
      return (performance.now() - start) / 1000
    },
  }
}
