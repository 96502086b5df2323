import { describe, expect, it } from 'vitest'
import { termId } from '../text/term-hash.ts'
import { lexicalPrefilter, selectiveTerms } from './lexical-prefilter.ts'

describe('lexicalPrefilter', () => {
  it('turns stems into prefix queries and ORs them', () => {
    expect(lexicalPrefilter('vacation policies')).toBe("'vacat':* | 'polic':*")
  })

  it('matches short words and numbers exactly, so they cannot select the whole index', () => {
    expect(lexicalPrefilter('H. pylori 10% urease')).toBe("'h' | 'pylor':* | '10' | 'ureas':*")
  })

  it('leaves out common words when rarer ones are present, and keeps them otherwise', () => {
    const common = termId('cell')
    expect(lexicalPrefilter('cells thalassemia', (id) => id !== common)).toBe("'thalassemia':*")
    expect(lexicalPrefilter('cells', (id) => id !== common)).toBe("'cell':*")
  })

  it('returns null for a question of stop words only', () => {
    expect(lexicalPrefilter('what is it?')).toBeNull()
  })

  it('selects the rarest words until the candidate budget is spent, always at least one', () => {
    const dfs = new Map([
      [1, 5],
      [2, 900],
      [3, 50],
      [4, 4000],
    ])
    const pick = selectiveTerms(dfs, [1, 2, 3, 4], 1000)
    expect([1, 2, 3, 4].filter(pick)).toEqual([1, 2, 3])
    const tight = selectiveTerms(dfs, [4, 2], 10)
    expect([4, 2].filter(tight)).toEqual([2])
  })
})
