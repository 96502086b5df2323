import { describe, expect, it } from 'vitest'
import { testDatabases } from './helpers/test-databases.ts'
import { ingestCorpus, useTestRuntime } from './helpers/test-runtime.ts'

const TAX = 'docx/real-world-tax-cases.docx'
const WORKSPACE = 'slack:T0RECENT1'
const OTHER = 'slack:T0RECENT2'

describe.each(testDatabases())('recent questions of a workspace ($name)', (db) => {
  const runtime = useTestRuntime(db, async (rt) => {
    await ingestCorpus(rt, [TAX], { workspace: WORKSPACE })
    await ingestCorpus(rt, [TAX], { workspace: OTHER })
  })

  it('lists one asker’s questions newest first, and the declined ones of the workspace only', async () => {
    const core = runtime().core
    const answered = 'What will Eddie gain from the Budget?'
    const declined = 'Can I get time off to go vote?'
    const a = await core.ask({ question: answered, workspace: WORKSPACE, channel: null, asker: 'U_ANN' })
    const b = await core.ask({ question: declined, workspace: WORKSPACE, channel: 'C1', asker: 'U_ANN' })
    await core.ask({ question: 'What does Eddie pay?', workspace: WORKSPACE, channel: null, asker: 'U_BOB' })
    await core.ask({ question: 'Is there a dress code for voting?', workspace: OTHER, channel: null, asker: 'U_ANN' })
    expect(a.grounded).toBe(true)
    expect(b.grounded).toBe(false)
    await core.recordFeedback({ queryId: a.queryId!, workspace: WORKSPACE, helpful: true, by: 'U_ANN' })

    const mine = await core.recentQuestions({ workspace: WORKSPACE, asker: 'U_ANN' })
    expect(mine.map((q) => [q.question, q.grounded, q.feedback])).toEqual([
      [declined, false, null],
      [answered, true, 'helpful'],
    ])
    expect(mine[0]).toMatchObject({ channel: 'C1', asker: 'U_ANN', queryId: b.queryId })

    const gaps = await core.recentQuestions({ workspace: WORKSPACE, declined: true, since: new Date(Date.now() - 60_000) })
    expect(gaps.map((q) => q.question)).toEqual([declined])
    expect(await core.recentQuestions({ workspace: WORKSPACE, declined: true, since: new Date(Date.now() + 60_000) })).toEqual([])
    expect(await core.recentQuestions({ workspace: 'slack:T0NOBODY', asker: 'U_ANN' })).toEqual([])
    expect(await core.recentQuestions({ workspace: WORKSPACE, asker: 'U_ANN', limit: 1 })).toHaveLength(1)

    expect(await core.feedbackCounts(WORKSPACE)).toEqual({ helpful: 1, notHelpful: 0 })
    expect(await core.feedbackCounts(OTHER)).toEqual({ helpful: 0, notHelpful: 0 })
    expect(await core.feedbackCounts('slack:T0NOBODY')).toEqual({ helpful: 0, notHelpful: 0 })
  })
})
