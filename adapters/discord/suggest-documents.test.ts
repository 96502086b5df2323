import type { DocumentView } from '../../src/index.ts'
import { describe, expect, it } from 'vitest'
import { documentChoices } from './suggest-documents.ts'

const doc = (id: string, title: string, source = title) => ({ id, title, source }) as DocumentView

describe('autocomplete choices for documents', () => {
  it('puts names starting with the typed text first, then names containing it', () => {
    const docs = [doc('1', 'Annual leave policy', 'annual-leave.md'), doc('2', 'Leave carry-over'), doc('3', 'Security handbook')]
    expect(documentChoices(docs, 'LEAVE')).toEqual([
      { name: 'Leave carry-over', value: '2' },
      { name: 'Annual leave policy — annual-leave.md', value: '1' },
    ])
  })

  it('keeps to 25 choices and names of at most 100 characters', () => {
    const docs = Array.from({ length: 40 }, (_, i) => doc(String(i), `${'Quarterly report '.repeat(8)}${i}`))
    const choices = documentChoices(docs, '')
    expect(choices).toHaveLength(25)
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100)
    expect(choices[0]?.name.endsWith('…')).toBe(true)
  })

  it('finds a document by what comes after the cut of a long name', () => {
    const docs = [doc('1', 'Runbook', `${'payments escalation '.repeat(6)}final.md`), doc('2', 'Runbook', 'short.md')]
    expect(documentChoices(docs, 'final.md').map((c) => c.value)).toEqual(['1'])
  })
})
