import type { AnswerResult } from '../../src/index.ts'
import { describe, expect, it } from 'vitest'
import { renderAnswer, renderPartial, toMrkdwn } from './format.ts'

const citation = (n: number) => ({
  documentId: `d${n}`,
  title: `Runbook ${n}.pdf`,
  source: `Runbook ${n}.pdf`,
  page: n,
  score: 1,
  snippet: '',
  link: `https://acme.slack.com/archives/C1/p${n}`,
})

const result = (answer: string, citations = [citation(1)]): AnswerResult => ({
  answer,
  grounded: true,
  citations,
  cached: false,
  latencyMs: 1,
  provider: 'extractive',
})

describe('Slack answer rendering', () => {
  it('escapes what could ping people and converts Markdown', () => {
    expect(toMrkdwn('Use **sudo** <!channel> & see [the guide](https://x.example/a?b=1&c=2)')).toBe(
      'Use *sudo* &lt;!channel&gt; &amp; see <https://x.example/a?b=1&c=2|the guide>',
    )
  })

  it('drops a code fence\'s language, which Slack would show as the first line of the block', () => {
    expect(toMrkdwn('Run:\n```bash\nnpm run worker -- --queue a&b\n```\ndone')).toBe('Run:\n```\nnpm run worker -- --queue a&amp;b\n```\ndone')
  })

  it('closes a code block a streamed answer is still inside', () => {
    expect(renderPartial('Run:\n```bash\nnpm run').text).toBe('Run:\n```\nnpm run\n```\n…')
    expect(renderPartial('Rotate weekly [1]').text).toBe('Rotate weekly [1] …')
  })

  it('puts sources with page and a link to where the file was shared under the answer', () => {
    const [message] = renderAnswer(result('Rotate weekly. [1]'))
    expect(message?.text).toBe('Rotate weekly. [1]\n\n*Sources*\n[1] *Runbook 1.pdf* — p. 1 · <https://acme.slack.com/archives/C1/p1|shared here>')
  })

  it('splits a long answer within Slack limits without breaking code blocks or citations', () => {
    const paragraph = (i: number) => `Step ${i} restarts the worker pool and drains the queue before the deploy continues [${(i % 3) + 1}].`
    const code = ['```bash', ...Array.from({ length: 60 }, (_, i) => `kubectl rollout restart deploy/worker-${i} --namespace=prod`), '```'].join('\n')
    const answer = [...Array.from({ length: 40 }, (_, i) => paragraph(i)), code, ...Array.from({ length: 40 }, (_, i) => paragraph(i + 40))].join('\n\n')
    const messages = renderAnswer(result(answer, [citation(1), citation(2), citation(3)]))
    expect(messages.length).toBeGreaterThan(1)
    const sections = messages.flatMap((m) => m.blocks.map((b) => (b as { text: { text: string } }).text.text))
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(4000)
      expect(message.blocks.length).toBeLessThanOrEqual(50)
    }
    for (const text of sections) {
      expect(text.length).toBeLessThanOrEqual(3000)
      expect((text.match(/^```/gm) ?? []).length % 2).toBe(0) // every piece opens and closes its fences
      expect(text).not.toMatch(/\[\d*$|^\d*\]/) // no citation cut in half
    }
    const joined = sections.join('\n')
    for (let i = 0; i < 80; i++) expect(joined).toContain(`Step ${i} restarts`)
    expect(sections.at(-1)).toMatch(/^\*Sources\*\n\[1\]/)
  })

  it('lists the closest sources when the documents do not answer', () => {
    const [message] = renderAnswer({ ...result("I couldn't find an answer to that in the documents shared here."), grounded: false })
    expect(message?.text).toMatch(/^I couldn't find an answer[^\n]*\n\n\*Closest sources\*\n\[1\]/)
  })
})
