import { describe, expect, it } from 'vitest'
import { renderAnswer } from './format-answer.ts'
import { renderIngestTable } from './format-ingest.ts'

// Documents stored before titles were cleaned, or an answer model quoting raw bytes, still reach the terminal clean.
const hostile = 'Q3\u001b[2J\u001b]8;;https://evil.example/\u0007plan\u001b]8;;\u0007\u0007.pdf'
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

describe('CLI output of what came from documents', () => {
  it('renderAnswer strips control characters from the answer, titles, sources and snippets', () => {
    const text = renderAnswer({
      answer: 'Ship in May.\u0007 [1]\nThen\rrelease.',
      grounded: true,
      cached: false,
      latencyMs: 3,
      provider: 'extractive',
      citations: [{ documentId: 'd', title: hostile, source: `slack:${hostile}`, page: 2, score: 1, snippet: 'ship\u001b[31m in May', link: null }],
    })
    expect(text).not.toMatch(controls)
    expect(text).toContain('Ship in May. [1]\nThen\nrelease.')
    expect(text).toContain('[1] Q3plan.pdf — p. 2 · slack:Q3plan.pdf')
    expect(text).toContain('“ship in May”')
  })

  it('renderIngestTable strips them from sources and error messages', () => {
    const table = renderIngestTable([
      { receipt: { source: hostile, documentId: null, status: 'failed', error: { code: 'encrypted', message: `it is ${hostile}` }, pages: null, chunks: 0 }, kind: null, parts: [] },
    ], { color: false })
    expect(table).not.toMatch(controls)
    expect(table).toContain('Q3plan.pdf')
  })
})
