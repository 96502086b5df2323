import { describe, expect, it } from 'vitest'
import { analyzeQuestion } from './question/analyze-question.ts'
import { fuseRetrievals } from './fuse-retrievals.ts'
import type { RetrievalResult, RetrievedChunk } from './hybrid-retriever.ts'
import { type WeightedQuestion, passageEvidence } from './passage-evidence.ts'

const weigh = (text: string): WeightedQuestion => {
  const analysis = analyzeQuestion(text, null)
  return { analysis, weights: new Map(analysis.terms.map((t) => [t.id, t.factor])), related: new Map() }
}

const passage = (chunkId: number, documentId: string, text: string, score: number, question: WeightedQuestion): RetrievedChunk => {
  const base = { chunkId, documentId, text, contentHash: `h${chunkId}`, page: null, headingPath: null, opening: '', title: documentId, source: `${documentId}.md`, link: null, shared: { by: null, in: null, at: '2026-01-01T00:00:00.000Z' }, score, bm25: 0, cosine: 0 }
  return { ...base, evidence: passageEvidence(base, question) }
}

const result = (question: WeightedQuestion, chunks: Array<[number, string, string, number]>): RetrievalResult => ({
  chunks: chunks.map(([id, doc, text, score]) => passage(id, doc, text, score, question)),
  termWeights: new Map(question.weights),
  question,
})

const NOTICE = 'The consultant may terminate this agreement upon one hundred and twenty (120) days advance written notice.'

describe('fuseRetrievals', () => {
  const asked = weigh('How many days before walking away must the consultant warn us?')
  const reworded = weigh('How many days of notice must the consultant give to terminate the agreement?')

  it('returns the question’s own result untouched when there is nothing to fuse', () => {
    const own = result(asked, [[1, 'a', 'Walking away is easy.', 0.5]])
    expect(fuseRetrievals(own, [], { limit: 8, perDocument: 3 })).toBe(own)
  })

  it('ranks each passage by its best score over the lists, with the evidence of the wording that found it best', () => {
    const own = result(asked, [
      [1, 'contract', 'Walking away from a deal is never easy, the consultant said.', 0.6],
      [2, 'contract', NOTICE, 0.3],
    ])
    const other = result(reworded, [
      [2, 'contract', NOTICE, 1.1],
      [3, 'memo', 'Notice periods are set by each agreement.', 0.5],
    ])
    const fused = fuseRetrievals(own, [other], { limit: 8, perDocument: 3 })
    expect(fused.chunks.map((c) => [c.chunkId, c.score])).toEqual([
      [2, 1.1],
      [1, 0.6],
      [3, 0.5],
    ])
    // Judged by the reworded question it was found with: it covers "notice", "terminate", "agreement".
    expect(fused.chunks[0]?.evidence.coverage).toBe(other.chunks[0]?.evidence.coverage)
    expect(fused.chunks[0]?.evidence.coverage).toBeGreaterThan(own.chunks[1]?.evidence.coverage ?? 1)
    // The question stays the one asked.
    expect(fused.question).toBe(asked)
    expect(fused.termWeights).toBe(own.termWeights)
  })

  it('keeps the question’s own kind of answer when a rewording loses it', () => {
    const typeless = weigh('consultant termination notice agreement')
    expect(typeless.analysis.answerType).not.toBe(asked.analysis.answerType)
    const fused = fuseRetrievals(result(asked, []), [result(typeless, [[2, 'contract', NOTICE, 1]])], { limit: 8, perDocument: 3 })
    const expected = passageEvidence(fused.chunks[0]!, { ...typeless, analysis: { ...typeless.analysis, answerType: asked.analysis.answerType } })
    expect(fused.chunks[0]?.evidence).toEqual(expected)
    expect(fused.chunks[0]?.evidence.sentences.some((s) => s.typed)).toBe(true)
  })

  it('keeps at most a few passages of one document and at most `limit` in all', () => {
    const own = result(asked, [
      [1, 'book', 'one', 0.9],
      [2, 'book', 'two', 0.8],
    ])
    const other = result(reworded, [
      [3, 'book', 'three', 0.85],
      [4, 'memo', 'four', 0.7],
      [5, 'mail', 'five', 0.6],
    ])
    expect(fuseRetrievals(own, [other], { limit: 3, perDocument: 2 }).chunks.map((c) => c.chunkId)).toEqual([1, 3, 4])
  })
})
