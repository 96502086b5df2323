import { performance } from 'node:perf_hooks'
import { type ModelUsage, addUsage } from '../models/model-usage.ts'
import type { RetrievalResult } from '../retrieve/hybrid-retriever.ts'
import type { ModelReranker } from '../retrieve/rerank-with-model.ts'
import type { Scope } from '../retrieve/scope.ts'
import type { PassageSearch } from '../retrieve/search-passages.ts'
import { type GatedChunk, applyRelevanceGate } from './relevance-gate.ts'

/** What retrieval and the gate found for one question. */
export interface FoundPassages {
  retrieved: RetrievalResult
  /** Passages the gate says answer the question, best first; empty: decline. */
  passed: GatedChunk[]
  /** The nearest passages, shown when declining. */
  closest: GatedChunk[]
  /** Tokens of the model calls that helped find them (rewrite). */
  usage: ModelUsage
  variants: readonly RetrievalResult[]
}

/**
 * Retrieves for a question in its scope and lets the relevance gate decide
 * which passages answer. A follow-up ("and for contractors?") that finds
 * nothing on its own is searched again together with the question before it.
 */
export async function findPassages(
  search: PassageSearch,
  answerFrom: number,
  scope: Scope,
  question: string,
  previous: string | null,
  signal?: AbortSignal,
): Promise<FoundPassages> {
  const searched = await search.search(scope, question, previous, signal)
  // With a model reranking, retrieval went deeper: the offline answer is still built from the first few.
  const gate = (result: RetrievalResult) => applyRelevanceGate(result.chunks.slice(0, answerFrom), result.question)
  let retrieved = searched.retrieved
  let gated = gate(retrieved)
  if (gated.passed.length === 0 && previous) {
    retrieved = await search.again(scope, `${previous} ${question}`, searched.variants)
    gated = gate(retrieved)
  }
  return { retrieved, ...gated, usage: searched.usage, variants: searched.variants }
}

/**
 * With a model: it orders the retrieved passages and the gate judges its
 * choice; when the gate finds nothing there, the offline choice stands.
 */
export async function rerankFound(
  reranker: ModelReranker,
  answerFrom: number,
  question: string,
  found: FoundPassages,
  signal?: AbortSignal,
): Promise<{ found: FoundPassages; providerMs: number }> {
  const started = performance.now()
  const reranked = await reranker.rerank(question, found.retrieved.chunks, signal)
  const providerMs = performance.now() - started
  const usage = addUsage(found.usage, reranked.usage)
  const gated = reranked.applied ? applyRelevanceGate(reranked.passages.slice(0, answerFrom), found.retrieved.question) : null
  const chosen = gated && gated.passed.length > 0 ? gated : found
  return { found: { ...found, passed: chosen.passed, closest: chosen.closest, usage }, providerMs }
}
