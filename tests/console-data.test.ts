/**
 * What the admin console reads from the core, on every test database: the
 * per-day activity series, the question log with its filters, and document
 * search. Questions are asked and marked through the real core.
 */
import { describe, expect, it } from 'vitest'
import { testDatabases } from './helpers/test-databases.ts'
import { ingestCorpus, useTestRuntime } from './helpers/test-runtime.ts'

const covered = 'How long must records be kept available for audit?'
const gap = 'What is the parking policy for visitors?'

describe.each(testDatabases())('console data ($name)', (db) => {
  const runtime = useTestRuntime(db, async (rt) => {
    await ingestCorpus(rt, ['pdf/sample-contract.pdf', 'pdf/encrypted-user-password-openpassword.pdf'], { workspace: 'console' })
    await rt.core.ask({ question: covered, workspace: 'console', channel: null })
    await rt.core.ask({ question: covered, workspace: 'console', channel: null })
    await rt.core.ask({ question: gap, workspace: 'console', channel: 'C0GAP', asker: 'U0ASKER' })
    await ingestCorpus(rt, ['text/plain/german-fable-iso-8859-1-crlf.txt'], { workspace: 'other' })
    await rt.core.ask({ question: 'What is the parking policy?', workspace: 'other', channel: null })
  })

  it('per day: questions, grounded and declined, cache hits, latency, providers, zero-filled and oldest first', async () => {
    const days = await runtime().core.activity(7)
    expect(days).toHaveLength(7)
    expect(days.map((d) => d.day)).toEqual([...days.map((d) => d.day)].sort())
    const today = days.at(-1)
    expect(today?.day).toBe(new Date().toISOString().slice(0, 10))
    expect(today).toMatchObject({ questions: 4, grounded: 2, declined: 2, cacheHits: 1, providers: { extractive: 4 } })
    expect(today?.latencyP50Ms).toBeGreaterThan(0)
    expect(today?.latencyP95Ms).toBeGreaterThanOrEqual(today?.latencyP50Ms ?? 0)
    expect(days[0]).toMatchObject({ questions: 0, latencyP50Ms: null, providers: {} })
  })

  it('the question log: newest first, with sources; declined ones are the coverage gaps', async () => {
    const all = await runtime().core.questions({ workspace: 'console' })
    expect(all.map((q) => q.question)).toEqual([gap, covered, covered])
    const answered = all.find((q) => q.question === covered && !q.cacheHit)
    expect(answered).toMatchObject({ grounded: true, provider: 'extractive', workspace: 'console', feedback: null })
    expect(answered?.sources[0]).toMatchObject({ title: 'sample-contract.pdf', page: 7 })
    const declined = await runtime().core.questions({ declined: true })
    expect(declined.map((q) => q.question).sort()).toEqual(['What is the parking policy?', gap].sort())
    expect(declined.find((q) => q.question === gap)).toMatchObject({ channel: 'C0GAP', asker: 'U0ASKER', grounded: false })
    expect((await runtime().core.questions({ search: 'PARKING', workspace: 'console' })).map((q) => q.question)).toEqual([gap])
    expect(await runtime().core.questions({ search: '%' })).toEqual([])
    expect((await runtime().core.questions({ limit: 1, offset: 1, workspace: 'console' })).map((q) => q.question)).toEqual([covered])
  })

  it('not helpful: the answers people marked 👎, counted per day too', async () => {
    const [first] = await runtime().core.questions({ search: 'records', limit: 1 })
    await runtime().core.recordFeedback({ queryId: first?.id ?? '', workspace: 'console', helpful: false, by: 'U0JUDGE', reason: 'outdated' })
    const marked = await runtime().core.questions({ notHelpful: true })
    expect(marked.map((q) => q.id)).toEqual([first?.id])
    expect(marked[0]).toMatchObject({ feedback: 'not_helpful', feedbackReason: 'outdated' })
    expect((await runtime().core.activity(1))[0]).toMatchObject({ notHelpful: 1, helpful: 0 })
  })

  it('document search over titles and sources, and the workspaces for the picker', async () => {
    const found = await runtime().core.listDocuments({ search: 'CONTRACT' })
    expect(found.map((d) => d.title)).toEqual(['sample-contract.pdf'])
    expect(await runtime().core.listDocuments({ search: '_' })).toEqual([])
    expect(await runtime().core.workspaces()).toEqual(['console', 'other'])
  })
})
