import { createHash } from 'node:crypto'
import { type Chunk, chunkDocument } from '../src/ingest/chunk-document.ts'
import type { Orm } from '../src/store/db/database.ts'
import type { Embedder } from '../src/models/embed/embedder.ts'
import { indexChunks } from '../src/ingest/index-chunks.ts'
import type { Scope } from '../src/retrieve/scope.ts'
import { paragraphBlocks } from '../src/ingest/parse/text/text-blocks.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createAnalyzeScheduler } from '../src/store/analyze-scheduler.ts'
import { replaceChunks } from '../src/store/chunk-store.ts'
import { createDocumentStore } from '../src/store/document-store.ts'
import { ensureWorkspace } from '../src/store/workspace-store.ts'
import type { ScifactDoc } from './scifact.ts'

export const RETRIEVAL_WORKSPACE = 'bench-retrieval'

export interface LoadProgress {
  chunks: number
  documents: number
  /** Copies of the corpus started so far (1 = the corpus once). */
  copies: number
  encodeSeconds: number
  storeSeconds: number
}

export interface LoadOptions {
  deadline?: number
  workers?: number
  onTick?: (progress: LoadProgress) => void
}

export interface LoadOutcome {
  reached: boolean
  progress: LoadProgress
  /** Wall time of this call, measured where the loading ran. */
  seconds: number
}

/** A loader in this thread or in a worker thread (remote-chunk-loader.ts): the same calls. */
export interface ChunkLoader {
  scope: Scope
  progress: LoadProgress
  loadUpTo(target: number, options?: LoadOptions): Promise<LoadOutcome>
  close(): Promise<void>
}

/**
 * Fills a database with SciFact abstracts without the parser: paragraph
 * blocks → chunkDocument → indexChunks → replaceChunks, one document per
 * abstract. Past the end of the corpus it starts again with distinct
 * documents ("title [copy 2]"), whose title makes their vectors differ.
 * Planner statistics are refreshed as the core does it (analyze-scheduler).
 */
export async function createChunkLoader(orm: Orm, embedder: Embedder, corpus: readonly ScifactDoc[]): Promise<ChunkLoader> {
  const workspace = await ensureWorkspace(orm, { platform: 'local', externalId: RETRIEVAL_WORKSPACE })
  const documents = createDocumentStore(orm)
  // The core refreshes planner statistics as chunks arrive; so does the bench.
  const analyzer = createAnalyzeScheduler(orm, silentLogger)
  const chunked: Chunk[][] = corpus.map((doc) => chunkDocument(paragraphBlocks(doc.text)))
  const progress: LoadProgress = { chunks: 0, documents: 0, copies: 0, encodeSeconds: 0, storeSeconds: 0 }
  let next = 0

  async function loadOne(): Promise<void> {
    const index = next % corpus.length
    const copy = Math.floor(next / corpus.length) + 1
    next++
    progress.copies = Math.max(progress.copies, copy)
    const doc = corpus[index]
    const chunks = chunked[index]
    if (!doc || !chunks || chunks.length === 0) return
    const title = copy === 1 ? doc.title : `${doc.title} [copy ${copy}]`
    const bytes = new TextEncoder().encode(`${title}\n\n${doc.text}`)
    const encodeStart = performance.now()
    const rows = await indexChunks(title, chunks, embedder)
    const storeStart = performance.now()
    const id = await documents.insert(
      {
        workspaceId: workspace.id,
        visibility: 'workspace',
        channelId: null,
        parentId: null,
        source: 'cli',
        sourceRef: `scifact/${doc.id}/copy-${copy}`,
        sourceLabel: `scifact/${doc.id}`,
        link: null,
        title,
        mimeType: 'text/plain',
        byteSize: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sharedBy: null,
        metadata: {},
      },
      bytes,
    )
    await replaceChunks(orm, id, rows, { pages: null, embeddingModel: embedder.model })
    analyzer.noteIndexed(rows.length)
    progress.encodeSeconds += (storeStart - encodeStart) / 1000
    progress.storeSeconds += (performance.now() - storeStart) / 1000
    progress.chunks += rows.length
    progress.documents++
  }

  return {
    scope: { workspaceId: workspace.id, channel: null },
    close: async () => {
      await analyzer.settle()
    },
    progress,
    /**
     * Adds documents until at least `target` chunks are stored, or `deadline`
     * (a performance.now() value) passes. `workers` documents are stored at a
     * time: PostgreSQL overlaps them, PGlite runs one statement at a time anyway.
     */
    async loadUpTo(target: number, options: LoadOptions = {}): Promise<LoadOutcome> {
      const deadline = options.deadline ?? Number.POSITIVE_INFINITY
      const start = performance.now()
      let lastTick = performance.now()
      let reached = true
      const worker = async () => {
        while (progress.chunks < target) {
          if (performance.now() > deadline) {
            reached = false
            return
          }
          await loadOne()
          if (options.onTick && performance.now() - lastTick > 60_000) {
            lastTick = performance.now()
            options.onTick(progress)
          }
        }
      }
      await Promise.all(Array.from({ length: Math.max(1, options.workers ?? 1) }, worker))
      await analyzer.settle()
      return { reached: reached && progress.chunks >= target, progress, seconds: (performance.now() - start) / 1000 }
    },
  }
}
