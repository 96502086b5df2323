import { checkableTypes } from '../question/answer-type.ts'
import { capPerDocument } from './cap-per-document.ts'
import type { RetrievedChunk } from './hybrid-retriever.ts'
import { type PassageEvidence, type WeightedQuestion, passageEvidence } from './passage-evidence.ts'

export interface RerankOptions {
  rerank: boolean
  perDocument: number
  limit: number
}

/** Weights of the second stage; the fused first-stage score keeps the largest share. */
export const rerankWeights = { fused: 0.45, coverage: 0.25, sentence: 0.2, answerType: 0.1, namedPage: 0.3, sameSubject: 0.05 }

type Candidate = Omit<RetrievedChunk, 'evidence'>

/**
 * The second stage: every candidate's evidence (coverage of the question with
 * related words and its document's title and headings, the best sentence, the
 * expected answer type) re-scores the fused first-stage ranking, and no
 * document keeps more than a few places, so one long book cannot fill the list.
 */
export function rerankPassages(candidates: readonly Candidate[], question: WeightedQuestion, options: RerankOptions): RetrievedChunk[] {
  const withEvidence = candidates.map((c) => ({ ...c, evidence: passageEvidence(c, question) }))
  if (!options.rerank) return withEvidence.slice(0, options.limit)
  const best = Math.max(...withEvidence.map((c) => c.score), Number.EPSILON)
  const typed = checkableTypes.has(question.analysis.answerType)
  const rescored = withEvidence.map((c) => ({ ...c, score: round(secondStageScore(c.score / best, c.evidence, typed)) }))
  rescored.sort((a, b) => b.score - a.score)
  return capPerDocument(rescored, options.perDocument, options.limit)
}

function secondStageScore(fused: number, evidence: PassageEvidence, typed: boolean): number {
  const w = rerankWeights
  return (
    w.fused * fused +
    w.coverage * evidence.coverage +
    w.sentence * evidence.sentenceCoverage +
    (typed && evidence.typeMatch ? w.answerType : 0) +
    (evidence.onNamedPage ? w.namedPage : 0) +
    (evidence.sentences.some((s) => s.sameSubject && s.coverage >= evidence.sentenceCoverage * 0.8) ? w.sameSubject : 0)
  )
}

const round = (value: number) => Math.round(value * 10000) / 10000
