import type { AnswerResult } from '../../src/index.ts'
import { describe, expect, it } from 'vitest'
import type { AnswerStream } from './answer-stream.ts'
import { type StreamApi, createNativeAnswerStream, defuseTokens } from './native-answer-stream.ts'

const result = (answer: string): AnswerResult => ({ answer, grounded: true, citations: [], cached: false, latencyMs: 1, provider: 'anthropic:claude', queryId: '3f2b7c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b' })

function harness(api: Partial<StreamApi>) {
  const log: string[] = []
  const fallback: AnswerStream = {
    onText: (text) => log.push(`fallback.onText ${text}`),
    finish: async (r) => {
      log.push(`fallback.finish ${r.answer}`)
      return ['9.9']
    },
    finishInto: async (ts, r) => {
      log.push(`fallback.finishInto ${ts} ${r.answer}`)
      return [ts]
    },
  }
  const flags = { unsupported: 0, errors: [] as string[] }
  const stream = createNativeAnswerStream(
    {
      start: api.start ?? (async (m) => (log.push(`start ${m}`), '1.1')),
      append: api.append ?? (async (_ts, m) => void log.push(`append ${m}`)),
      stop: api.stop ?? (async (_ts, f) => void log.push(`stop ${f.markdown ?? ''} ${f.blocks.map((b) => b.type).join(',')}`)),
    },
    fallback,
    { intervalMs: 0, plainFeedback: () => false, onPlainFeedbackNeeded: () => {}, onUnsupported: () => flags.unsupported++, onError: (_e, stage) => flags.errors.push(stage) },
  )
  return { stream, log, flags }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('native answer stream', () => {
  it('starts, appends the growth, and stops with the rest and the 👍/👎 block', async () => {
    const { stream, log } = harness({})
    stream.onText('The notice')
    await settle()
    stream.onText('The notice is 120')
    await settle()
    await stream.finish(result('The notice is 120 days.'))
    expect(log).toEqual(['start The notice', 'append  is 120', 'stop  days. context_actions'])
  })

  it('hands a final answer that rewrote the streamed text to the fallback, over the streamed message', async () => {
    const { stream, log, flags } = harness({})
    stream.onText('Draft from the first model')
    await settle()
    await stream.finish(result('A different answer from the second model.'))
    expect(log.at(-1)).toBe('fallback.finishInto 1.1 A different answer from the second model.')
    expect(flags.errors).toEqual(['stop'])
  })

  it('uses the fallback for the whole answer when Slack has no streaming methods, and says so once', async () => {
    const { stream, log, flags } = harness({
      start: async () => {
        throw Object.assign(new Error('An API error occurred: unknown_method'), { data: { ok: false, error: 'unknown_method' } })
      },
    })
    stream.onText('The notice')
    await settle()
    await stream.finish(result('The notice is 120 days.'))
    expect(log).toEqual(['fallback.onText The notice', 'fallback.finish The notice is 120 days.'])
    expect(flags.unsupported).toBe(1)
  })

  it('does not stream what never streamed (extractive or cached answers)', async () => {
    const { stream, log } = harness({})
    await stream.finish(result('Quoted passage.'))
    expect(log).toEqual(['fallback.finish Quoted passage.'])
  })

  it('defuses Slack tokens in model text', () => {
    expect(defuseTokens('<!here> <@U1> <#C1> <https://x.example|x>')).toBe('<\u200b!here> <\u200b@U1> <\u200b#C1> <https://x.example|x>')
  })
})
