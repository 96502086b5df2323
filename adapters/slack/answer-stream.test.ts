import type { AnswerResult } from '../../src/index.ts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAnswerStream } from './answer-stream.ts'
import type { SlackMessage } from './format.ts'

const final: AnswerResult = { answer: 'The rotation is weekly. [1]', grounded: true, citations: [], cached: false, latencyMs: 5, provider: 'openai:gpt-4o-mini' }

describe('streamed answers', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function sink() {
    const writes: Array<{ at: number; kind: 'post' | 'update'; text: string }> = []
    return {
      writes,
      post: async (m: SlackMessage) => {
        writes.push({ at: Date.now(), kind: 'post', text: m.text })
        return '1.1'
      },
      update: async (_ts: string, m: SlackMessage) => {
        writes.push({ at: Date.now(), kind: 'update', text: m.text })
      },
    }
  }

  it('posts the first text, then updates at most once a second, and always ends with the final answer', async () => {
    const s = sink()
    const stream = createAnswerStream(s)
    let text = ''
    for (let i = 0; i < 30; i++) {
      text += `word${i} `
      stream.onText(text)
      await vi.advanceTimersByTimeAsync(100)
    }
    const finishing = stream.finish(final)
    await vi.runAllTimersAsync()
    await finishing
    expect(s.writes[0]?.kind).toBe('post')
    expect(s.writes.filter((w) => w.kind === 'post')).toHaveLength(1)
    for (let i = 1; i < s.writes.length; i++) expect((s.writes[i]?.at ?? 0) - (s.writes[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000)
    expect(s.writes.at(-1)).toMatchObject({ kind: 'update', text: 'The rotation is weekly. [1]' })
    expect(s.writes.length).toBeLessThan(6)
  })

  it('posts once when nothing streamed (extractive or cached answers)', async () => {
    const s = sink()
    await createAnswerStream(s).finish(final)
    expect(s.writes.map((w) => w.kind)).toEqual(['post'])
  })
})
