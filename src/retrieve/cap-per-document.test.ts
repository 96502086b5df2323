import { describe, expect, it } from 'vitest'
import { capPerDocument } from './cap-per-document.ts'

const ranked = ['book', 'book', 'book', 'book', 'memo', 'book', 'wiki'].map((documentId, i) => ({ documentId, i }))

describe('capPerDocument', () => {
  it('moves a document beyond its share behind the others', () => {
    expect(capPerDocument(ranked, 3, 6).map((r) => r.i)).toEqual([0, 1, 2, 4, 6, 3])
  })

  it('still fills the list from one document when it is the only one', () => {
    const single = ranked.filter((r) => r.documentId === 'book')
    expect(capPerDocument(single, 3, 5)).toHaveLength(5)
  })
})
