import { describe, expect, it } from 'vitest'
import { checkCitations, renumberCitations } from './check-citations.ts'

describe('checkCitations', () => {
  it('renumbers the cited passages in order of first use', () => {
    expect(checkCitations('Releases come three times a year [3]. Support lasts 14 months [1][3].', 4)).toEqual({
      kind: 'ok',
      text: 'Releases come three times a year [1]. Support lasts 14 months [2][1].',
      cited: [3, 1],
      repaired: false,
    })
  })

  it('splits lists like [1, 2] into separate markers', () => {
    const check = checkCitations('Both say so [2, 1].', 2)
    expect(check).toMatchObject({ kind: 'ok', text: 'Both say so [1][2].', cited: [2, 1] })
  })

  it('removes numbers that were not given and says it repaired the answer', () => {
    const check = checkCitations('It is weekly [7]. It starts on Monday [2].', 3)
    expect(check).toEqual({ kind: 'ok', text: 'It is weekly. It starts on Monday [1].', cited: [2], repaired: true })
  })

  it('rejects an answer that cites nothing, or only passages that do not exist', () => {
    expect(checkCitations('The rotation is weekly.', 3)).toEqual({ kind: 'invalid', reason: 'it cites no passage' })
    expect(checkCitations('The rotation is weekly [9].', 3)).toEqual({ kind: 'invalid', reason: 'it cites only passages that were not given' })
    expect(checkCitations('   ', 3)).toMatchObject({ kind: 'invalid' })
  })

  it('recognises the "not in the documents" reply', () => {
    expect(checkCitations('Not in the documents.', 3)).toEqual({ kind: 'not_in_documents' })
    expect(checkCitations('"Not in the documents"', 3)).toEqual({ kind: 'not_in_documents' })
    expect(checkCitations('Not in the documents, but see the wiki [1] for the full story about everything else here.', 3)).toMatchObject({ kind: 'ok' })
  })

  it('gives stable numbers while an answer streams', () => {
    const full = 'A [4]. B [2]. C [4].'
    const partial = renumberCitations('A [4]. B [2', 4)
    expect(partial.text.startsWith('A [1].')).toBe(true)
    expect(renumberCitations(full, 4).text).toBe('A [1]. B [2]. C [1].')
  })
})
