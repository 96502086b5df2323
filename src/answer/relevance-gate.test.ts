import { describe, expect, it } from 'vitest'
import { termId } from '../text/term-hash.ts'
import { analyzeQuestion } from '../retrieve/question/analyze-question.ts'
import type { RetrievedChunk } from '../retrieve/hybrid-retriever.ts'
import { type WeightedQuestion, passageEvidence } from '../retrieve/passage-evidence.ts'
import { applyRelevanceGate, defaultGateOptions } from './relevance-gate.ts'

/** Every word of the question weighs the same: the rules, not IDF, are under test. Other forms of its words ("paid") count as in the retriever. */
function weighted(text: string): WeightedQuestion {
  const analysis = analyzeQuestion(text, null)
  const related = new Map(analysis.expansions.map((e) => [e.id, e.origins.map((origin) => [origin, e.factor] as const)]))
  return { analysis, weights: new Map(analysis.terms.map((t) => [t.id, t.factor])), related }
}

function chunk(text: string, question: WeightedQuestion, extra: Partial<RetrievedChunk> = {}): RetrievedChunk {
  const base = { chunkId: 1, documentId: 'd', text, contentHash: 'h', page: null, headingPath: null, opening: '', title: 'doc', source: 'doc.txt', link: null, shared: { by: null, in: null, at: '2026-01-01T00:00:00.000Z' }, score: 1, bm25: 1, cosine: 0.2, ...extra }
  return { ...base, evidence: passageEvidence(base, question) }
}

const passes = (question: string, text: string, extra: Partial<RetrievedChunk> = {}) => {
  const q = weighted(question)
  return applyRelevanceGate([chunk(text, q, extra)], q).passed.length === 1
}

describe('applyRelevanceGate', () => {
  it('passes a passage that holds what is asked and an answer of the expected kind', () => {
    expect(passes('How many annual leave hours accrue per pay period?', 'Employees accrue 4 hours of annual leave per pay period.')).toBe(true)
  })

  it('declines a passage that shares only the names with the question', () => {
    expect(passes('What squad number did Iwan Roberts wear at Norwich City?', 'Iwan Roberts joined Norwich City in 1997 and scored 96 goals.')).toBe(false)
  })

  it('declines when the asked-for kind of value is missing', () => {
    expect(passes('What is the email address of Luis Mendez, the contract manager?', 'Luis Mendez is the contract manager of the commission.')).toBe(false)
  })

  it('declines when the question names a year the document never mentions', () => {
    expect(passes('What were the USA total sales in 2023?', 'USA total sales in 2024 were $695.')).toBe(false)
    expect(passes('What were the USA total sales in 2024?', 'USA total sales in 2024 were $695.')).toBe(true)
  })

  it('counts names found in the document title or opening, not only in the passage', () => {
    const question = 'How quickly must the Santa Cruz consultant pay a claim?'
    const text = 'The consultant shall pay any claim within five (5) work days.'
    expect(passes(question, text)).toBe(false)
    expect(passes(question, text, { opening: 'Santa Cruz County Regional Transportation Commission agreement' })).toBe(true)
  })

  it('lists the closest passages even when none passes', () => {
    const q = weighted('What phone number reaches the data protection officer?')
    const gated = applyRelevanceGate([chunk('The data protection officer can be reached by e-mail.', q)], q)
    expect(gated.passed).toEqual([])
    expect(gated.closest).toHaveLength(1)
    expect(gated.closest[0]?.relevance).toBeGreaterThan(0)
  })

  it('needs the word saying which kind of number is asked next to a number', () => {
    const q = weighted('What reference number did the ethics committee give the study?')
    expect(q.analysis.specifiers).toEqual([termId('refer')])
    expect(applyRelevanceGate([chunk('The ethics committee approved the study in 2008. See reference 12.', q)], q).passed).toHaveLength(1)
    expect(applyRelevanceGate([chunk('The ethics committee approved the study in 2008.', q)], q).passed).toHaveLength(0)
  })

  it('needs the sentence holding the amount to be about what is asked, not only the passage', () => {
    const question = 'How much did Lorna and Paul pay in mortgage interest in the tax cases?'
    const opening = 'Illustrative tax cases. Discretionary reliefs such as mortgage interest relief are not taken into account.'
    const couple = 'Lorna and Paul are a married couple who pay through their employers. Paul is an engineer earning €50,000.'
    expect(passes(question, couple, { opening })).toBe(false)
    expect(passes(question, `${couple} They paid €3,100 in mortgage interest last year.`, { opening })).toBe(true)
  })

  it('takes an amount in a sentence that states the asked verb itself, though the question describes its subject in other words', () => {
    const question = 'How much did the Canaries pay Wolves for the gap-toothed Welsh striker in the summer of 1997?'
    const opening = 'Iwan Roberts is a Welsh former striker, nicknamed for his gap-toothed grin.'
    const text = 'In July 1997, Norwich City paid £850,000 to Wolves to secure the services of Roberts. His time at the club (nicknamed the Canaries) did not begin happily.'
    const q = weighted(question)
    const base = chunk(text, q, { opening })
    expect(base.evidence.typedWithAskedWord).toBe(true)
    expect(passes(question, text, { opening })).toBe(true)
    // The same amount beside the names, with no word of what is asked in its sentence, does not answer.
    const unrelated = 'In July 1997, Norwich City signed Roberts from Wolves; £850,000 was the record. His time at the club (nicknamed the Canaries) did not begin happily.'
    expect(chunk(unrelated, q, { opening }).evidence.typedWithAskedWord).toBe(false)
  })

  it('lowers the bar for a sentence stating the asked word only when the question names what it is about', () => {
    const text = 'The gap-toothed left-footed striker arrived in the summer. He was quick. Norwich paid £850,000 for him.'
    expect(passes('How much did Norwich pay for the gap-toothed left-footed striker in the summer?', text)).toBe(true)
    expect(passes('How much did the club pay for the gap-toothed left-footed striker in the summer?', text)).toBe(false)
  })

  it('does not require an example the question gives ("a two-digit year like \'23\'") to be in the passage', () => {
    const question = "If an old mail header has a two-digit year like '23', how is it interpreted?"
    expect(passes(question, 'If a two digit year is encountered whose value is between 00 and 49, the year is interpreted by adding 2000.')).toBe(true)
  })

  it('asks less of the words of a passage in a document the question names', () => {
    const question = "In the 'testing' mail that carries an older message, what was the person who sent that PDF trying to figure out?"
    const text = 'Just attaching another PDF, here, to see if I can figure out what is going wrong.'
    expect(passes(question, text, { title: 'Another PDF' })).toBe(false)
    expect(passes(question, text, { title: 'Another PDF', parentTitle: 'testing', opening: 'Subject: testing' })).toBe(true)
  })

  it('declines a "US" number from a document that never names the US', () => {
    const question = 'What US dial-in number joins the Google Meet event?'
    expect(passes(question, 'Join the Google Meet event by phone. Or dial-in: (EE) +372 685 2028')).toBe(false)
    expect(passes(question, 'Join the Google Meet event by phone. Or dial-in: (US) +1 414-436-5113')).toBe(true)
  })
})

describe('the learned part of the gate', () => {
  const q = weighted('How many hours a week does Patrick, the waiter, work?')
  const near = chunk('Patrick is single, employed as a waiter and is earning €8.65 an hour.', q)
  const answer = chunk('Patrick works 39 hours a week as a waiter.', q)

  it('declines a figure set beside other words than those counted, which the rules alone let through', () => {
    expect(near.evidence.countedNearNumber).toBe(false)
    expect(applyRelevanceGate([near], q, { ...defaultGateOptions, learned: false }).passed).toHaveLength(1)
    expect(applyRelevanceGate([near], q).passed).toEqual([])
  })

  it('passes the sentence that counts what is asked', () => {
    expect(answer.evidence.countedNearNumber).toBe(true)
    expect(applyRelevanceGate([answer], q).passed).toHaveLength(1)
  })
})
