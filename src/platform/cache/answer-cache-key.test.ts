import { describe, expect, it } from 'vitest'
import { type AnswerCacheKeyInput, answerCacheKey, normalizeQuestion } from './answer-cache-key.ts'

const base: AnswerCacheKeyInput = {
  question: 'What is the notice period?',
  workspaceId: 'w-1',
  channel: null,
  promptVersion: 'answer@1',
  providerChain: ['anthropic:claude-x', 'openai:gpt-4o-mini'],
  chunks: [
    { id: 1, contentHash: 'aaa' },
    { id: 2, contentHash: 'bbb' },
  ],
}

describe('answerCacheKey', () => {
  it('is the same for the same question asked with different case, spacing or closing punctuation', () => {
    expect(answerCacheKey({ ...base, question: '  what is  the NOTICE period ?? ' })).toBe(answerCacheKey(base))
    expect(normalizeQuestion('Ｗhat\tis it？')).toBe('what is it')
  })

  it.each<[string, Partial<AnswerCacheKeyInput>]>([
    ['another question', { question: 'What is the notice period for tenants?' }],
    ['another workspace', { workspaceId: 'w-2' }],
    ['a private channel (another visible scope)', { channel: 'C123' }],
    ['another prompt version', { promptVersion: 'answer@2' }],
    ['another provider or model', { providerChain: ['openai:gpt-4o-mini'] }],
    ['the extractive answerer', { providerChain: ['extractive'] }],
    ['a re-indexed passage (same id, new content)', { chunks: [{ id: 1, contentHash: 'aaa' }, { id: 2, contentHash: 'ccc' }] }],
    ['a new document among the retrieved passages', { chunks: [{ id: 3, contentHash: 'ddd' }, { id: 1, contentHash: 'aaa' }, { id: 2, contentHash: 'bbb' }] }],
    ['passages in another order', { chunks: [{ id: 2, contentHash: 'bbb' }, { id: 1, contentHash: 'aaa' }] }],
    ['a thread history', { history: [{ question: 'Which contract?', answer: 'The 2019 one.' }] }],
  ])('changes with %s', (_name, change) => {
    expect(answerCacheKey({ ...base, ...change })).not.toBe(answerCacheKey(base))
  })

  it('cannot be forged by moving text between fields', () => {
    expect(answerCacheKey({ ...base, workspaceId: 'a', channel: 'b' })).not.toBe(answerCacheKey({ ...base, workspaceId: 'a","b', channel: null }))
  })
})
