import { describe, expect, it } from 'vitest'
import { tokenize, wordTokens } from './tokenize.ts'

describe('tokenize', () => {
  it('lowercases, drops stop words and stems English', () => {
    expect(tokenize('How many vacation days do new hires get?')).toEqual(['mani', 'vacat', 'dai', 'new', 'hire', 'get'])
  })

  it('keeps non-Latin words whole and splits CJK into character pairs', () => {
    expect(tokenize('Die Hasen und die Frösche')).toEqual(['die', 'hasen', 'und', 'die', 'frösche'])
    expect(tokenize('すみません')).toEqual(['すみ', 'みま', 'ませ', 'せん'])
  })

  it('drops possessive endings', () => {
    expect(tokenize("GitHub's policy")).toEqual(['github', 'polici'])
  })

  it('keeps "US" written in capitals as a name, "us" as a stop word', () => {
    expect(tokenize('Call us on the US dial-in number')).toEqual(['call', 'us', 'dial', 'number'])
    expect(wordTokens('Tell us the US number').map((w) => w.surface)).toEqual(['Tell', 'US', 'number'])
  })
})
