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

describe('splitSentences and lists', () => {
  it('keeps a list number with its item', () => {
    expect(splitSentences('Also, remember: 1. Wear sunglasses')).toEqual(['Also, remember: 1. Wear sunglasses'])
    expect(splitSentences('1. Wear sunglasses. Then swim.')).toEqual(['1. Wear sunglasses.', 'Then swim.'])
    expect(splitSentences('He scored 12. The team won.')).toEqual(['He scored 12.', 'The team won.'])
  })
})
