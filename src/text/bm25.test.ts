import { describe, expect, it } from 'vitest'
import { encodeChunk, idf, queryTerms, toSparsevecLiteral } from './bm25.ts'
import { termId } from './term-hash.ts'

describe('bm25 encoding', () => {
  it('saturates repeated terms and rewards them less than linearly', () => {
    const once = encodeChunk('vacation policy').weights.get(termId('vacat')) ?? 0
    const thrice = encodeChunk('vacation vacation vacation policy').weights.get(termId('vacat')) ?? 0
    expect(thrice).toBeGreaterThan(once)
    expect(thrice).toBeLessThan(once * 3)
  })

  it('matches the textbook BM25 score as an inner product', () => {
    const params = { k1: 1.2, b: 0.75, averageLength: 4 }
    const doc = encodeChunk('leave leave policy days', params)
    const n = 10
    const dfs = new Map([[termId('leav'), 2]])
    let score = 0
    for (const [id, qtf] of queryTerms('leave')) score += qtf * idf(n, dfs.get(id) ?? 0) * (doc.weights.get(id) ?? 0)
    const tf = 2
    const expected = idf(10, 2) * ((tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * 4) / 4)))
    expect(score).toBeCloseTo(expected, 10)
  })

  it('writes pgvector sparsevec literals with sorted 1-based indexes', () => {
    expect(toSparsevecLiteral(new Map([[5, 0.5], [0, 1.25]]))).toBe('{1:1.25,6:0.5}/16777216')
    expect(toSparsevecLiteral(new Map())).toBe('{}/16777216')
  })

  it('gives rare terms more weight than common ones', () => {
    expect(idf(1000, 1)).toBeGreaterThan(idf(1000, 500))
    expect(idf(1000, 1000)).toBeGreaterThan(0)
  })
})
