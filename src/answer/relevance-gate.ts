import { checkableTypes } from '../retrieve/question/answer-type.ts'
import { namesSomething } from '../retrieve/question/analyze-question.ts'
import type { RetrievedChunk } from '../retrieve/hybrid-retriever.ts'
import type { WeightedQuestion } from '../retrieve/passage-evidence.ts'

export interface GatedChunk extends RetrievedChunk {
  /** 0..1: how much of the question this passage covers. */
  relevance: number
}

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
}

export const defaultGateOptions: GateOptions = { minCoverage: 0.35, minCoverageNamed: 0.25, minFocus: 0.1, focusWithoutSpecific: 0.5, minAnchors: 0.5, minCosine: 0.6, minTypedFocus: 0.2, minTypedFocusWithAskedWord: 0.1, minAnchorsForLowerBar: 0.75 }

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
  const typed = checkableTypes.has(question.analysis.answerType)
  // The lower bar holds only for a question that names who or what it is about ("the Canaries", "Wolves"):
  // "how many leave hours…" is not answered by a contract's "hours charged" line.
  const names = namesSomething(question.analysis)
  const scored = chunks.map((chunk) => {
    const e = chunk.evidence
    const cosine = chunk.cosine
    const namesItsSubject = names && e.anchorCoverage >= options.minAnchorsForLowerBar
    // The expected kind of answer, in a sentence about what is asked: not any figure of a passage that names the subject.
    const hasType =
      !typed ||
      (e.sentences.some((s) => s.typed && s.coverage > 0) &&
        (e.typedFocus >= options.minTypedFocus || (namesItsSubject && e.typedWithAskedWord && e.typedFocus >= options.minTypedFocusWithAskedWord)))
    const about = e.anchorCoverage >= options.minAnchors && e.yearsFound && e.specifierFound && (e.specificFound || e.focusCoverage >= options.focusWithoutSpecific)
    // A document the question names (its file, or its title in quotes) is the one meant: less of the rest need match.
    const lexical = e.coverage >= (e.inNamedFile ? options.minCoverageNamed : options.minCoverage) && e.focusCoverage >= options.minFocus
    const semantic = cosine >= options.minCosine && e.focusCoverage > 0
    return { chunk: { ...chunk, relevance: round(0.8 * e.coverage + 0.2 * Math.max(0, cosine)) }, pass: hasType && about && (lexical || semantic) }
  })
  return {
    passed: scored.filter((s) => s.pass).map((s) => s.chunk),
    closest: scored.map((s) => s.chunk).sort((a, b) => b.relevance - a.relevance),
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000
