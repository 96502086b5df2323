import { describe, expect, it } from 'vitest'
import { splitSentences } from './split-sentences.ts'

describe('splitSentences', () => {
  it('splits on sentence ends but not on abbreviations or decimals', () => {
    expect(splitSentences('New hires get 13 days, e.g. 4 hours per pay period. Part-time staff get 2.5 days. Ask HR!')).toEqual([
      'New hires get 13 days, e.g. 4 hours per pay period.',
      'Part-time staff get 2.5 days.',
      'Ask HR!',
    ])
  })

  it('splits Japanese on full stops', () => {
    expect(splitSentences('すみません。ありがとう。')).toEqual(['すみません。', 'ありがとう。'])
  })
})
