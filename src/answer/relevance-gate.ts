import type { RetrievedChunk } from '../retrieve/hybrid-retriever.ts'
import { termCoverage } from './term-coverage.ts'

export interface GatedChunk extends RetrievedChunk {
  /** 0..1: how much of the question this passage covers. */
  relevance: number
}

export interface GateOptions {
  /** A passage must cover at least this share of the question's weight. */
  minCoverage: number
  /** ...or be this close in meaning (cosine of the embeddings) while covering something. */
  minCosine: number
}

export const defaultGateOptions: GateOptions = { minCoverage: 0.5, minCosine: 0.6 }

/**
 * Decides whether the retrieved passages answer the question at all. Ranking
 * always returns *something*; quoting the best of a bad lot is how bots make
 * things up, so weak matches are reported as "not in the documents".
 */
export function applyRelevanceGate(
  chunks: readonly RetrievedChunk[],
  termWeights: ReadonlyMap<number, number>,
  options: GateOptions = defaultGateOptions,
): { passed: GatedChunk[]; closest: GatedChunk[] } {
  const scored = chunks.map((chunk) => {
    const coverage = termCoverage(`${chunk.title}\n${chunk.headingPath ?? ''}\n${chunk.text}`, termWeights)
    const cosine = chunk.cosine
    return { chunk: { ...chunk, relevance: round(0.8 * coverage + 0.2 * Math.max(0, cosine)) }, coverage, cosine }
  })
  const passes = (s: { coverage: number; cosine: number }) =>
    s.coverage >= options.minCoverage || (s.cosine >= options.minCosine && s.coverage > 0)
  return {
    passed: scored.filter(passes).map((s) => s.chunk),
    closest: scored.map((s) => s.chunk).sort((a, b) => b.relevance - a.relevance),
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000
