import { describe, expect, it } from 'vitest'
import { ndcgAtK, recallAtK } from './ranking-metrics.ts'

describe('ranking metrics', () => {
  const relevant = new Map([
    ['a', 1],
    ['b', 1],
  ])

  it('gives 1 for a perfect ranking and less when relevant documents drop', () => {
    expect(ndcgAtK(['a', 'b', 'x'], relevant, 10)).toBeCloseTo(1)
    expect(ndcgAtK(['x', 'a', 'b'], relevant, 10)).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)))
    expect(ndcgAtK(['x', 'y'], relevant, 10)).toBe(0)
  })

  it('counts recall within the cut-off only', () => {
    expect(recallAtK(['a', 'x', 'b'], relevant, 2)).toBe(0.5)
    expect(recallAtK(['a', 'x', 'b'], relevant, 3)).toBe(1)
  })
})
