import { describe, expect, it } from 'vitest'
import { porterStem } from './porter-stemmer.ts'

// Pairs from Porter's published vocabulary/output lists.
const cases: Array<[string, string]> = [
  ['caresses', 'caress'], ['ponies', 'poni'], ['cats', 'cat'], ['feed', 'feed'], ['agreed', 'agre'],
  ['plastered', 'plaster'], ['motoring', 'motor'], ['sing', 'sing'], ['conflated', 'conflat'],
  ['hopping', 'hop'], ['falling', 'fall'], ['filing', 'file'], ['happy', 'happi'],
  ['relational', 'relat'], ['conditional', 'condit'], ['generalization', 'gener'],
  ['triplicate', 'triplic'], ['hopefulness', 'hope'], ['revival', 'reviv'], ['adjustment', 'adjust'],
  ['adoption', 'adopt'], ['controlling', 'control'], ['cells', 'cell'], ['vacation', 'vacat'],
  ['increased', 'increas'], ['increases', 'increas'],
]

describe('porterStem', () => {
  it.each(cases)('%s -> %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem)
  })

  it('leaves non-ASCII and short words alone', () => {
    expect(porterStem('frösche')).toBe('frösche')
    expect(porterStem('is')).toBe('is')
  })
})
