import { describe, expect, it } from 'vitest'
import { combineLexicons, createColloquialLexicon } from './colloquial-lexicon.ts'
import type { Lexicon } from './wordnet-lexicon.ts'

describe('createColloquialLexicon', () => {
  const lexicon = createColloquialLexicon({ 'heads up': ['notice'], boss: ['supervisor', 'manager'] })

  it('finds a chat word whatever its case, and a hyphenated one as two words', () => {
    expect(lexicon.related('Boss')).toEqual([
      { text: 'supervisor', relation: 'synonym' },
      { text: 'manager', relation: 'synonym' },
    ])
    expect(lexicon.related('heads-up')).toEqual([{ text: 'notice', relation: 'synonym' }])
    expect(lexicon.related('heads up')).toEqual([{ text: 'notice', relation: 'synonym' }])
    expect(lexicon.related('notice')).toEqual([])
  })

  it('ships a table whose words are single words (phrases would be matched word by word)', () => {
    const shipped = createColloquialLexicon()
    expect(shipped.related('walk away').map((r) => r.text)).toContain('terminate')
    expect(shipped.related('time off').map((r) => r.text)).toContain('leave')
    for (const key of ['heads up', 'walk away', 'boss', 'kid', 'repo']) {
      for (const word of shipped.related(key)) expect(word.text).toMatch(/^[a-z]+$/)
    }
  })
})

describe('combineLexicons', () => {
  it("gives each word's related words from every lexicon, the first one's first, and closes them all", () => {
    const closed: string[] = []
    const fixed = (name: string, words: string[]): Lexicon => ({
      related: (word) => (word === 'kid' ? words.map((text) => ({ text, relation: 'synonym' as const })) : []),
      close: () => closed.push(name),
    })
    const both = combineLexicons(fixed('chat', ['child']), fixed('wordnet', ['goat', 'child']))
    expect(both.related('kid').map((r) => r.text)).toEqual(['child', 'goat', 'child'])
    expect(both.related('adult')).toEqual([])
    both.close()
    expect(closed).toEqual(['chat', 'wordnet'])
  })
})
