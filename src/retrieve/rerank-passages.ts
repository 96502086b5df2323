import { rewardedTypes } from './question/answer-type.ts'
import { capPerDocument } from './cap-per-document.ts'
import type { RetrievedChunk } from './hybrid-retriever.ts'
import { type PassageEvidence, type WeightedQuestion, anchorCoverageOf, passageEvidence } from './passage-evidence.ts'
import { type PassageReadings, createPassageReadings } from './passage-reading.ts'

export interface RerankOptions {
  rerank: boolean
  perDocument: number
  limit: number
}

/**
 * Weights of the second stage; the fused first-stage score keeps the largest
 * share. fused/coverage/sentence were learned by grid search on SciFact's
 * train split (`eval/tune-reranker.ts`: nDCG@10 0.697 first stage → 0.701);
 * the corpus-qa dev set scores the same with them as with hand-set ones.
 */
export type RerankWeights = typeof rerankWeights
export const rerankWeights = { fused: 0.45, coverage: 0.1, sentence: 0.1, answerType: 0.1, namedPage: 0.3, namedFile: 0.3, namedKind: 0.1, sameSubject: 0.05, typedFocus: 0.05 }

type Candidate = Omit<RetrievedChunk, 'evidence'>

/**
 * The second stage: every candidate's evidence (coverage of the question with
 * related words and its document's title and headings, the best sentence, the
 * expected answer type) re-scores the fused first-stage ranking, and no
 * document keeps more than a few places, so one long book cannot fill the list.
 */
export function rerankPassages(
  candidates: readonly Candidate[],
  question: WeightedQuestion,
  options: RerankOptions,
  readings: PassageReadings = createPassageReadings(),
): RetrievedChunk[] {
  const own = candidates.map((c) => ({ ...c, evidence: passageEvidence(c, question, readings) }))
  // The names that say which document is meant count wherever its candidate passages hold them.
  const namesOf = new Map<string, Set<number>>()
  for (const c of own) {
    const names = namesOf.get(c.documentId) ?? new Set<number>()
    for (const id of c.evidence.anchorsFound) names.add(id)
    namesOf.set(c.documentId, names)
  }
  const documentCoverage = new Map([...namesOf].map(([documentId, names]) => [documentId, anchorCoverageOf(names, question)]))
  const withEvidence = own.map((c) => {
    const anchorCoverage = Math.max(c.evidence.anchorCoverage, documentCoverage.get(c.documentId) ?? 0)
    return anchorCoverage === c.evidence.anchorCoverage ? c : { ...c, evidence: { ...c.evidence, anchorCoverage } }
  })
  if (!options.rerank) return withEvidence.slice(0, options.limit)
  const best = Math.max(...withEvidence.map((c) => c.score), Number.EPSILON)
  const typed = rewardedTypes.has(question.analysis.answerType)
  const rescored = withEvidence.map((c) => ({ ...c, score: round(secondStageScore(c.score / best, c.evidence, typed)) }))
  rescored.sort((a, b) => b.score - a.score)
  return capPerDocument(rescored, options.perDocument, options.limit)
}

/** `fused`: the first-stage score scaled to the best candidate's. Exported for `eval/tune-reranker.ts`. */
export function secondStageScore(fused: number, evidence: PassageEvidence, typed: boolean, w: RerankWeights = rerankWeights): number {
  return (
    w.fused * fused +
    w.coverage * evidence.coverage +
    w.sentence * evidence.sentenceCoverage +
    (typed && evidence.typeMatch ? w.answerType : 0) +
    // How much of what is asked the sentence holding a figure says: "120 days' notice to terminate", not "30 days' notice of cancellation".
    (typed ? w.typedFocus * evidence.typedFocus : 0) +
    (evidence.onNamedPage ? w.namedPage : 0) +
    (evidence.inNamedFile ? w.namedFile : 0) +
    (evidence.ofNamedKind ? w.namedKind : 0) +
    (evidence.sentences.some((s) => s.sameSubject && s.coverage >= evidence.sentenceCoverage * 0.8) ? w.sameSubject : 0)
  )
}

const round = (value: number) => Math.round(value * 10000) / 10000
