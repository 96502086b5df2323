import type { Orm } from '../src/store/db/database.ts'
import type { Embedder } from '../src/models/embed/embedder.ts'
import { type HybridRetriever, createHybridRetriever } from '../src/retrieve/hybrid-retriever.ts'
import { createQuestionLexicon } from '../src/retrieve/question/question-lexicon.ts'
import type { Scope } from '../src/retrieve/scope.ts'
import { type ChunkScans, chunkScans, chunkScansSince, plannerChunkEstimate } from './index-usage.ts'
import { type LatencySummary, summarizeLatencies } from './latency-summary.ts'
import type { ScifactQuery } from './scifact.ts'

export interface RetrievalMeasurement extends LatencySummary {
  /** How the chunks table was read while timing (see ChunkScans). */
  scans: ChunkScans
  /** Rows the planner's statistics gave the chunks table at measuring time. */
  plannerRows: number
  /** Queries that returned no chunk at all. */
  empty: number
  /** Queries left untimed because the time budget ran out. */
  untimed: number
}

export const RETRIEVE_LIMIT = 8

/**
 * Times the retrieval path itself (`retrieve(scope, question, 8)`, the call
 * `ask` makes before answering), one query at a time, after a warm-up with
 * claims that are not measured. Stops early when `budgetMs` runs out.
 */
export async function measureRetrieval(
  orm: Orm,
  embedder: Embedder,
  scope: Scope,
  queries: readonly ScifactQuery[],
  warmup: readonly ScifactQuery[],
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<RetrievalMeasurement> {
  // With the related-word lexicon, as the service builds its retriever (src/runtime.ts).
  const lexicon = createQuestionLexicon()
  const retriever = createHybridRetriever(orm, embedder, undefined, { lexicon })
  try {
    return await timeQueries(orm, retriever, scope, queries, warmup, budgetMs)
  } finally {
    lexicon.close()
  }
}

async function timeQueries(
  orm: Orm,
  retriever: HybridRetriever,
  scope: Scope,
  queries: readonly ScifactQuery[],
  warmup: readonly ScifactQuery[],
  budgetMs: number,
): Promise<RetrievalMeasurement> {
  for (const query of warmup) await retriever.retrieve(scope, query.text, RETRIEVE_LIMIT)
  const plannerRows = await plannerChunkEstimate(orm)
  const before = await chunkScans(orm)
  const samples: number[] = []
  let empty = 0
  const until = performance.now() + budgetMs
  for (const query of queries) {
    if (performance.now() > until) break
    const start = performance.now()
    const result = await retriever.retrieve(scope, query.text, RETRIEVE_LIMIT)
    samples.push(performance.now() - start)
    if (result.chunks.length === 0) empty++
  }
  const scans = await chunkScansSince(orm, before, 2 * samples.length)
  return { ...summarizeLatencies(samples), scans, plannerRows, empty, untimed: queries.length - samples.length }
}
