import { describe, expect, it } from 'vitest'
import { fuseScores } from './fuse-scores.ts'

describe('fuseScores', () => {
  it('keeps a clear BM25 winner ahead of a slightly closer embedding', () => {
    const fused = fuseScores(
      new Map([
        [1, { bm25: 20, cosine: 0.4 }],
        [2, { bm25: 10, cosine: 0.6 }],
      ]),
      0.3,
    )
    expect(fused.get(1)).toBeGreaterThan(fused.get(2) ?? 0)
  })

  it('lets the embedding decide between near-equal BM25 scores', () => {
    const fused = fuseScores(
      new Map([
        [1, { bm25: 10, cosine: 0.2 }],
        [2, { bm25: 9.9, cosine: 0.7 }],
      ]),
      0.3,
    )
    expect(fused.get(2)).toBeGreaterThan(fused.get(1) ?? 0)
  })

  it('ranks by embedding alone when no candidate shares a word with the question', () => {
    const fused = fuseScores(
      new Map([
        [1, { bm25: 0, cosine: 0.2 }],
        [2, { bm25: 0, cosine: 0.5 }],
      ]),
      0.3,
    )
    expect(fused.get(2)).toBeGreaterThan(fused.get(1) ?? 0)
  })
})
