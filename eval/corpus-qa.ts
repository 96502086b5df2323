/**
 * The corpus-qa development set (../shared/eval/corpus-qa): questions about the
 * public corpus, asked through the product's own `ask`, scored as the set's
 * README says. Pure scoring lives here; run-eval.ts does the indexing.
 */
import { readFileSync } from 'node:fs'
import type { AnswerResult } from '../src/answer/answer-result.ts'

export type QaStyle = 'keyword' | 'paraphrase' | 'unanswerable'

export interface QaCase {
  q: string
  /** Corpus-relative path of the answering document, or null when nothing answers. */
  doc: string | null
  expect: string[]
  style: QaStyle
}

export interface QaOutcome {
  item: QaCase
  hit: boolean
  /** Why an answerable question missed: declined, wrong document, or the fact not shown. */
  reason: 'declined' | 'wrong_document' | 'fact_not_shown' | 'answered_unanswerable' | null
  grounded: boolean
}

export function loadQaCases(path: string): QaCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as QaCase)
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').toLowerCase()

/** Declines are `grounded: false`, or an answer that says the documents do not contain it. */
function declined(result: AnswerResult): boolean {
  return !result.grounded || /not in the documents|couldn.t find an answer/i.test(result.answer)
}

export function scoreQa(item: QaCase, result: AnswerResult): QaOutcome {
  const grounded = !declined(result)
  if (item.style === 'unanswerable' || item.doc === null) {
    return { item, hit: !grounded, reason: grounded ? 'answered_unanswerable' : null, grounded }
  }
  if (!grounded) return { item, hit: false, reason: 'declined', grounded }
  const doc = item.doc
  const top = result.citations.slice(0, 3).filter((c) => c.source.includes(doc) || c.title.includes(doc))
  if (top.length === 0) return { item, hit: false, reason: 'wrong_document', grounded }
  const shown = collapse([result.answer, ...top.map((c) => c.snippet)].join(' '))
  const found = item.expect.some((phrase) => shown.includes(collapse(phrase)))
  return { item, hit: found, reason: found ? null : 'fact_not_shown', grounded }
}

export interface QaSummary {
  figure: 'corpus-qa'
  keyword: number
  paraphrase: number
  unanswerable_declined: number
  overall: number
  /** The relevance gate as a classifier of "answerable": of the answers given, how many were to answerable questions; of the answerable, how many got an answer. */
  gate_precision: number
  gate_recall: number
  questions: number
}

export function summarize(outcomes: readonly QaOutcome[]): QaSummary {
  const rate = (style: QaStyle) => {
    const of = outcomes.filter((o) => o.item.style === style)
    return of.length === 0 ? 0 : round(of.filter((o) => o.hit).length / of.length)
  }
  const answered = outcomes.filter((o) => o.grounded)
  const answerable = outcomes.filter((o) => o.item.doc !== null)
  return {
    figure: 'corpus-qa',
    keyword: rate('keyword'),
    paraphrase: rate('paraphrase'),
    unanswerable_declined: rate('unanswerable'),
    overall: round(outcomes.filter((o) => o.hit).length / Math.max(1, outcomes.length)),
    gate_precision: round(answered.filter((o) => o.item.doc !== null).length / Math.max(1, answered.length)),
    gate_recall: round(answerable.filter((o) => o.grounded).length / Math.max(1, answerable.length)),
    questions: outcomes.length,
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000
