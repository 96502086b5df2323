import { describe, expect, it } from 'vitest'
import { applyOrdering, parseOrdering } from './rerank-with-model.ts'

describe('parseOrdering', () => {
  it('keeps valid ids in order, each once, ignoring unknown, repeated and malformed ones', () => {
    expect(parseOrdering('{"order": [3, 1, 3, 9, 0, "2", "id 4", 1.5, null]}', 5)).toEqual([3, 1, 2, 4])
    expect(parseOrdering('{"order": []}', 5)).toEqual([])
  })

  it('gives null when the reply is not an ordering', () => {
    expect(parseOrdering('Passage 3 is best.', 5)).toBeNull()
    expect(parseOrdering('{"ranking": [3, 1]}', 5)).toBeNull()
    expect(parseOrdering('{"order": "3, 1"}', 5)).toBeNull()
  })
})

describe('applyOrdering', () => {
  it('puts the named passages first in the given order, the others after in their own order', () => {
    expect(applyOrdering(['a', 'b', 'c', 'd', 'e'], [4, 2])).toEqual(['d', 'b', 'a', 'c', 'e'])
    expect(applyOrdering(['a', 'b', 'c'], [])).toEqual(['a', 'b', 'c'])
  })
})
