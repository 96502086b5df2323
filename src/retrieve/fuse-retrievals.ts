import { capPerDocument } from './cap-per-document.ts'
import type { RetrievalResult, RetrievedChunk } from './hybrid-retriever.ts'
import { type WeightedQuestion, passageEvidence } from './passage-evidence.ts'

export interface FuseOptions {
  limit: number
  /** At most this many passages of one document, as in each list. */
  perDocument: number
}

/**
 * Fuses the results of a question and of its reformulations: each passage
 * keeps its best second-stage score over the lists, and the evidence
 * measured against the wording that found it best, so the relevance gate and
 * the quote judge it by the words that match it. The kind of answer expected
 * stays the question's own: a rewording must not turn "how many days" into a
 * question that any passage answers.
 */
export function fuseRetrievals(asked: RetrievalResult, variants: readonly RetrievalResult[], options: FuseOptions): RetrievalResult {
  if (variants.length === 0) return asked
  const best = new Map<number, { chunk: RetrievedChunk; from: WeightedQuestion }>()
  for (const list of [asked, ...variants]) {
    for (const chunk of list.chunks) {
      const known = best.get(chunk.chunkId)
      if (!known || chunk.score > known.chunk.score) best.set(chunk.chunkId, { chunk, from: list.question })
    }
  }
  const answerType = asked.question.analysis.answerType
  const fused = [...best.values()].map(({ chunk, from }) => {
    if (from === asked.question || from.analysis.answerType === answerType) return chunk
    const retyped = { ...from, analysis: { ...from.analysis, answerType } }
    return { ...chunk, evidence: passageEvidence(chunk, retyped) }
  })
  // Stable: equal scores keep the order of the lists, the question's own first.
  fused.sort((a, b) => b.score - a.score)
  const chunks = capPerDocument(fused, options.perDocument, options.limit)
  return { chunks, termWeights: asked.termWeights, question: asked.question }
}
