import { checkableTypes } from '../retrieve/question/answer-type.ts'
import { namesSomething } from '../retrieve/question/analyze-question.ts'
import type { RetrievedChunk } from '../retrieve/hybrid-retriever.ts'
import type { ScoredSentence, WeightedQuestion } from '../retrieve/passage-evidence.ts'

/**
 * What the learned gate reads of a passage the rules let through, in this order (`eval/train-gate.ts`
 * learns a weight for each). What the rules require of every such passage (its years, the kind of
 * number asked) is the same for all of them, so it is not read again.
 */
export const gateFeatureNames = [
  'coverage',
  'focus',
  'anchors',
  'sentence',
  'typed',
  'typedFocus',
  'typedSentence',
  'typedAskedWord',
  'specificFound',
  'specificInAnswer',
  'askedInAnswer',
  'cosine',
  'namedFile',
  'namesSomething',
  'absent',
  'relativeScore',
  'rank',
  'askedCoverage',
  'countedNearNumber',
] as const

export interface GateContext {
  /** Place of the passage among those the gate judges, from 0. */
  rank: number
  /** Score of the first of them. */
  topScore: number
}

/**
 * A passage's evidence as numbers for the learned gate. Besides what the
 * rules use, it reads whether the sentence that would answer (the one holding
 * the expected kind of answer, else the best one) or its neighbours hold the
 * heaviest words of what is asked: "names of his twin daughters" is not
 * answered by "has three children; a son and twin daughters", nor a
 * sabbatical's length by a sentence about sick leave.
 */
export function gateFeatures(chunk: RetrievedChunk, question: WeightedQuestion, context: GateContext): number[] {
  const e = chunk.evidence
  const analysis = question.analysis
  const typed = checkableTypes.has(analysis.answerType)
  const asked = analysis.terms.filter((t) => t.factor === 1 && !t.anchor && !t.answerKind)
  const weightOf = (id: number) => question.weights.get(id) ?? 0
  const heaviest = [...asked].sort((a, b) => weightOf(b.id) - weightOf(a.id))
  const best = Math.max(0, ...e.sentences.map((s) => s.coverage))
  const answering = e.sentences.filter((s) => (typed ? s.typed : best > 0 && s.coverage >= best))
  const window = (s: ScoredSentence) => [s, e.sentences[s.position - 1], e.sentences[s.position + 1]].filter((n): n is ScoredSentence => n !== undefined)
  const creditInWindow = (id: number) => Math.max(0, ...answering.flatMap(window).map((s) => s.credits.get(id) ?? 0))
  const top = heaviest[0]
  const topThree = heaviest.slice(0, 3)
  const topThreeWeight = topThree.reduce((sum, t) => sum + weightOf(t.id), 0)
  const askedInAnswer = topThreeWeight > 0 ? topThree.reduce((sum, t) => sum + weightOf(t.id) * creditInWindow(t.id), 0) / topThreeWeight : 1
  const totalWeight = [...question.weights.values()].reduce((sum, w) => sum + w, 0)
  const absentWeight = analysis.terms.filter((t) => question.absent?.has(t.id)).reduce((sum, t) => sum + weightOf(t.id), 0)
  const flag = (value: boolean) => (value ? 1 : 0)
  return [
    e.coverage,
    e.focusCoverage,
    e.anchorCoverage,
    e.sentenceCoverage,
    flag(typed),
    typed ? e.typedFocus : 0,
    flag(typed && e.sentences.some((s) => s.typed && s.coverage > 0)),
    flag(typed && e.typedWithAskedWord),
    flag(e.specificFound),
    top ? creditInWindow(top.id) : 1,
    askedInAnswer,
    Math.max(0, chunk.cosine),
    flag(e.inNamedFile),
    flag(namesSomething(analysis)),
    totalWeight > 0 ? absentWeight / totalWeight : 0,
    context.topScore > 0 ? chunk.score / context.topScore : 0,
    context.rank / 8,
    Math.max(0, ...e.sentences.map((s) => s.askedCoverage)),
    flag(e.countedNearNumber),
  ]
}
