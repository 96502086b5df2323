import type { RetrievedChunk } from '../retrieve/hybrid-retriever.ts'
import type { WeightedQuestion } from '../retrieve/passage-evidence.ts'
import { gateFeatures } from './gate-features.ts'
import { type GateOptions, defaultGateOptions, passesRules } from './gate-rules.ts'
import { learnedGate } from './gate-weights.ts'

export { type GateOptions, defaultGateOptions } from './gate-rules.ts'

export interface GatedChunk extends RetrievedChunk {
  /** 0..1: how much of the question this passage covers. */
  relevance: number
}

/**
 * Decides whether the retrieved passages answer the question at all. Ranking
 * always returns *something*; quoting the best of a bad lot is how bots make
 * things up, so weak matches are reported as "not in the documents". A passage
 * that shares only a name with the question ("Iwan Roberts", "Santa Cruz") has
 * not answered it, and a question asking for a number, a date or an address is
 * not answered by a passage that holds none.
 */
export function applyRelevanceGate(
  chunks: readonly RetrievedChunk[],
  question: WeightedQuestion,
  options: GateOptions = defaultGateOptions,
): { passed: GatedChunk[]; closest: GatedChunk[] } {
  const topScore = chunks[0]?.score ?? 0
  const scored = chunks.map((chunk, rank) => ({
    chunk: { ...chunk, relevance: relevanceOf(chunk) },
    pass: passesRules(chunk, question, options) && (!options.learned || answersByModel(gateFeatures(chunk, question, { rank, topScore }))),
  }))
  return {
    passed: scored.filter((s) => s.pass).map((s) => s.chunk),
    closest: scored.map((s) => s.chunk).sort((a, b) => b.relevance - a.relevance),
  }
}

const relevanceOf = (chunk: RetrievedChunk) => round(0.8 * chunk.evidence.coverage + 0.2 * Math.max(0, chunk.cosine))

const round = (value: number) => Math.round(value * 1000) / 1000

/**
 * The learned part (`src/answer/gate-weights.ts`, from `eval/train-gate.ts`): of what the rules let
 * through, a passage that sets a figure beside other words than those asked ("€8.65 an hour" for
 * hours a week) or covers the question only around its answer is not taken for one.
 */
function answersByModel(features: readonly number[]): boolean {
  let z = learnedGate.bias
  features.forEach((value, j) => {
    z += value * (learnedGate.weights[j] ?? 0)
  })
  return 1 / (1 + Math.exp(-z)) >= learnedGate.threshold
}
