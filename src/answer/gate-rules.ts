import { checkableTypes } from '../retrieve/question/answer-type.ts'
import { namesSomething } from '../retrieve/question/analyze-question.ts'
import type { RetrievedChunk } from '../retrieve/hybrid-retriever.ts'
import type { WeightedQuestion } from '../retrieve/passage-evidence.ts'

export interface GateOptions {
  /** A passage must cover at least this share of the question's weight (title and headings count as context)... */
  minCoverage: number
  /** ...or this share in a document the question names. */
  minCoverageNamed: number
  /** ...and this share of what the question asks, apart from the names that say which document it means. */
  minFocus: number
  /** A passage covering this share of what is asked need not hold the question's most specific word. */
  focusWithoutSpecific: number
  /** ...and this share of the names and numbers in the question, in the passage or its document. */
  minAnchors: number
  /** Or be this close in meaning (cosine of the embeddings) while covering something of what is asked. */
  minCosine: number
  /** When a number, date, amount… is expected, the sentence holding one must cover this share of what is asked. */
  minTypedFocus: number
  /** ...or this share, when that sentence states one of the asked words itself ("paid £850,000" for "how much did they pay"), in a passage of what the question names... */
  minTypedFocusWithAskedWord: number
  /** ...holding at least this share of the names it gives. */
  minAnchorsForLowerBar: number
  /** Whether the learned model (gate-weights.ts) also judges what the rules let through. */
  learned: boolean
}

export const defaultGateOptions: GateOptions = { minCoverage: 0.35, minCoverageNamed: 0.25, minFocus: 0.1, focusWithoutSpecific: 0.5, minAnchors: 0.5, minCosine: 0.6, minTypedFocus: 0.2, minTypedFocusWithAskedWord: 0.1, minAnchorsForLowerBar: 0.75, learned: true }

/**
 * The hand-set rules for one passage: it covers enough of the question and of what it asks, holds
 * the names and years it gives, and, when a number, a date or an address is expected, a sentence
 * about what is asked holds one.
 */
export function passesRules(chunk: RetrievedChunk, question: WeightedQuestion, options: GateOptions = defaultGateOptions): boolean {
  const typed = checkableTypes.has(question.analysis.answerType)
  const e = chunk.evidence
  const cosine = chunk.cosine
  // The lower bar holds only for a question that names who or what it is about ("the Canaries", "Wolves"):
  // "how many leave hours…" is not answered by a contract's "hours charged" line.
  const namesItsSubject = namesSomething(question.analysis) && e.anchorCoverage >= options.minAnchorsForLowerBar
  // The expected kind of answer, in a sentence about what is asked: not any figure of a passage that names the subject.
  const hasType =
    !typed ||
    (e.sentences.some((s) => s.typed && s.coverage > 0) &&
      (e.typedFocus >= options.minTypedFocus || (namesItsSubject && e.typedWithAskedWord && e.typedFocus >= options.minTypedFocusWithAskedWord)))
  const about = e.anchorCoverage >= options.minAnchors && e.yearsFound && e.specifierFound && (e.specificFound || e.focusCoverage >= options.focusWithoutSpecific)
  // A document the question names (its file, or its title in quotes) is the one meant: less of the rest need match.
  const lexical = e.coverage >= (e.inNamedFile ? options.minCoverageNamed : options.minCoverage) && e.focusCoverage >= options.minFocus
  const semantic = cosine >= options.minCosine && e.focusCoverage > 0
  return hasType && about && (lexical || semantic)
}
