import { describe, expect, it } from 'vitest'
import { parseRewrite, searchTexts } from './rewrite-question.ts'

const question = 'Can the consultant walk away from the contract early?'

describe('parseRewrite', () => {
  it('keeps up to three rewordings and eight keywords, trimmed, without repeats or the question itself', () => {
    const reply = JSON.stringify({
      reformulations: ['  How can the consultant terminate the agreement?', 'can the consultant walk away from the contract early', 'What notice ends the consulting agreement?', 'how can the CONSULTANT terminate the agreement', 'Fourth one?', 'Fifth?'],
      keywords: ['terminate', 'notice', 7, '', 'written notice', 'termination', 'days', 'consultant', 'agreement', 'advance', 'ninth'],
    })
    expect(parseRewrite(reply, question)).toEqual({
      reformulations: ['How can the consultant terminate the agreement?', 'What notice ends the consulting agreement?', 'Fourth one?'],
      keywords: ['terminate', 'notice', 'written notice', 'termination', 'days', 'consultant', 'agreement', 'advance'],
    })
  })

  it('reads a fenced reply and one with keywords only', () => {
    expect(parseRewrite('```json\n{"keywords": ["terminate"]}\n```', question)).toEqual({ reformulations: [], keywords: ['terminate'] })
  })

  it('gives null for prose, the wrong shape or nothing usable', () => {
    expect(parseRewrite('The consultant can terminate with 120 days notice.', question)).toBeNull()
    expect(parseRewrite('{"reformulations": "terminate"}', question)).toBeNull()
    expect(parseRewrite('{"reformulations": [], "keywords": []}', question)).toBeNull()
    expect(parseRewrite(`{"reformulations": ["${question}"]}`, question)).toBeNull()
  })
})

describe('searchTexts', () => {
  it('searches each rewording, then the keywords together', () => {
    expect(searchTexts({ reformulations: ['a b?', 'c d?'], keywords: ['e', 'f g'] })).toEqual(['a b?', 'c d?', 'e f g'])
    expect(searchTexts({ reformulations: ['a b?'], keywords: [] })).toEqual(['a b?'])
  })
})
