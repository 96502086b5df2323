import { describe, expect, it } from 'vitest'
import { testDatabases } from './helpers/test-databases.ts'
import { ingestCorpus, useTestRuntime } from './helpers/test-runtime.ts'

const leaveQuestion = 'How many hours of annual leave accrue per pay period in the first 3 years?'

describe.each(testDatabases())('scope is enforced in retrieval ($name)', (db) => {
  const runtime = useTestRuntime(db, async (rt) => {
    // The leave policy is shared in private channel B of workspace acme only.
    await ingestCorpus(rt, ['text/markdown/18f-handbook-leave.md'], { workspace: 'acme', channel: 'C-PRIVATE-B' })
    // Workspace-visible documents in acme, and the same leave policy in another workspace's private channel.
    await ingestCorpus(rt, ['pdf/sample-contract.pdf', 'text/markdown/18f-handbook-security.md'], { workspace: 'acme' })
    await ingestCorpus(rt, ['text/markdown/18f-handbook-leave.md'], { workspace: 'other', channel: 'C-OTHER' })
  })

  it('answers in private channel B from the document shared there', async () => {
    const result = await runtime().core.ask({ question: leaveQuestion, workspace: 'acme', channel: 'C-PRIVATE-B' })
    expect(result.grounded).toBe(true)
    expect(result.citations[0]?.source).toBe('text/markdown/18f-handbook-leave.md')
  })

  it('never cites channel B’s document from channel A of the same workspace', async () => {
    const result = await runtime().core.ask({ question: leaveQuestion, workspace: 'acme', channel: 'C-PUBLIC-A' })
    expect(result.citations.map((c) => c.source)).not.toContain('text/markdown/18f-handbook-leave.md')
    expect(result.answer).not.toMatch(/4 hours per pay period/)
  })

  it('never cites it from a public place (no channel) either', async () => {
    const result = await runtime().core.ask({ question: leaveQuestion, workspace: 'acme', channel: null })
    expect(result.citations.map((c) => c.source)).not.toContain('text/markdown/18f-handbook-leave.md')
  })

  it('never crosses workspaces, even from a channel with the same id', async () => {
    const result = await runtime().core.ask({ question: leaveQuestion, workspace: 'other', channel: 'C-PRIVATE-B' })
    expect(result.grounded).toBe(false)
    expect(result.citations).toEqual([])
  })

  it('still sees workspace-visible documents from any channel', async () => {
    const result = await runtime().core.ask({
      question: 'How long must the consultant keep records available for audit after final payment?',
      workspace: 'acme',
      channel: 'C-PUBLIC-A',
    })
    expect(result.grounded).toBe(true)
    expect(result.citations[0]?.source).toBe('pdf/sample-contract.pdf')
    expect(result.citations[0]?.page).toBe(7)
  })

  it('lists only what a channel can see', async () => {
    const fromA = await runtime().core.listDocuments({ workspace: 'acme', channel: 'C-PUBLIC-A' })
    const fromB = await runtime().core.listDocuments({ workspace: 'acme', channel: 'C-PRIVATE-B' })
    expect(fromA.map((d) => d.source).sort()).toEqual(['pdf/sample-contract.pdf', 'text/markdown/18f-handbook-security.md'])
    expect(fromB).toHaveLength(3)
  })
})
