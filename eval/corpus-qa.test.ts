import { describe, expect, it } from 'vitest'
import type { AnswerResult } from '../src/answer/answer-result.ts'
import { type QaCase, scoreQa, summarize } from './corpus-qa.ts'

const citation = (source: string, snippet: string) => ({ documentId: 'd', title: source, source, page: null, score: 0.5, snippet, link: null })
const result = (grounded: boolean, citations: AnswerResult['citations'], answer = '> quoted [1]'): AnswerResult => ({ answer, grounded, citations, cached: false, latencyMs: 1, provider: 'extractive' })
const item: QaCase = { q: 'Who?', doc: 'pdf/sample-contract.pdf', expect: ['Yesenia Parra'], style: 'keyword' }

describe('corpus-qa scoring (as the set README says)', () => {
  it('hits when a top-3 source is the document and the answer or its snippet holds the phrase', () => {
    expect(scoreQa(item, result(true, [citation('pdf/sample-contract.pdf', 'Attn:  Yesenia\nParra 1523')])).hit).toBe(true)
  })

  it('names the reason of a miss', () => {
    expect(scoreQa(item, result(false, [])).reason).toBe('declined')
    expect(scoreQa(item, result(true, [citation('pdf/other.pdf', 'Yesenia Parra')])).reason).toBe('wrong_document')
    expect(scoreQa(item, result(true, [citation('pdf/sample-contract.pdf', 'nothing')])).reason).toBe('fact_not_shown')
  })

  it('counts a decline as the right answer to an unanswerable question', () => {
    const unanswerable: QaCase = { q: 'Hotel?', doc: null, expect: [], style: 'unanswerable' }
    const outcomes = [scoreQa(unanswerable, result(false, [])), scoreQa(unanswerable, result(true, [citation('a', 'b')]))]
    expect(outcomes.map((o) => o.hit)).toEqual([true, false])
    expect(summarize(outcomes).unanswerable_declined).toBe(0.5)
  })
})
