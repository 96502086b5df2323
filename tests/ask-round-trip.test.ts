import { describe, expect, it } from 'vitest'
import { testDatabases } from './helpers/test-databases.ts'
import { ingestCorpus, useTestRuntime } from './helpers/test-runtime.ts'

const files = [
  'pdf/sample-contract.pdf',
  'text/markdown/18f-handbook-leave.md',
  'text/plain/rfc2045-mime-part-one.txt',
  'docx/real-world-tax-cases.docx',
]

describe.each(testDatabases())('ingest → ask on real documents ($name)', (db) => {
  const runtime = useTestRuntime(db, async (rt) => {
    const receipts = await ingestCorpus(rt, files)
    expect(receipts.map((r) => r.status)).toEqual(files.map(() => 'pending'))
  })

  it('indexes every document with pages and chunks', async () => {
    const docs = await runtime().core.listDocuments({ workspace: 'local' })
    expect(docs).toHaveLength(files.length)
    for (const doc of docs) {
      expect(doc.status, `${doc.source}: ${doc.error?.message}`).toBe('indexed')
      expect(doc.chunks).toBeGreaterThan(0)
    }
    const contract = docs.find((d) => d.source === 'pdf/sample-contract.pdf')
    expect(contract?.pages).toBe(10)
  })

  it('cites the right document and page for a contract question', async () => {
    const result = await runtime().core.ask({
      question: 'How many days of advance written notice must the consultant give to terminate the agreement?',
      workspace: 'local',
      channel: null,
    })
    expect(result.grounded).toBe(true)
    expect(result.provider).toBe('extractive')
    const top = result.citations[0]
    expect(top?.source).toBe('pdf/sample-contract.pdf')
    expect(top?.page).toBe(3)
    expect(result.answer).toMatch(/one hundred and twenty \(120\) days/)
    expect(result.answer).toMatch(/\[1\]/)
  })

  it('answers from the handbook with its section', async () => {
    const result = await runtime().core.ask({
      question: 'What is the maximum number of annual leave hours I can carry over to the next leave year?',
      workspace: 'local',
      channel: null,
    })
    expect(result.grounded).toBe(true)
    expect(result.citations[0]?.source).toBe('text/markdown/18f-handbook-leave.md')
    expect(result.answer).toContain('240')
  })

  it('says so instead of guessing when the documents do not answer', async () => {
    const result = await runtime().core.ask({
      question: 'What is the boiling point of liquid nitrogen on Mars?',
      workspace: 'local',
      channel: null,
    })
    expect(result.grounded).toBe(false)
    expect(result.answer).toMatch(/couldn't find/)
  })

  it('treats an unknown workspace as empty, not as an error', async () => {
    const result = await runtime().core.ask({ question: 'annual leave', workspace: 'nobody-here', channel: null })
    expect(result).toMatchObject({ grounded: false, citations: [], provider: 'extractive', cached: false })
  })

  it('records each question in the queries table', async () => {
    const stats = await runtime().core.stats()
    expect(stats.queries.total).toBeGreaterThanOrEqual(3)
    expect(stats.queries.grounded).toBeGreaterThanOrEqual(2)
  })
})
