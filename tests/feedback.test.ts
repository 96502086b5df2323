import { describe, expect, it } from 'vitest'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import { feedbackCommand } from '../adapters/cli/feedback-command.ts'
import { createLocalClient } from '../adapters/cli/local-client.ts'
import { createOutput } from '../adapters/cli/output.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createMetrics } from '../src/platform/metrics.ts'
import { Capture } from './helpers/run-cli-in-process.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { ingestCorpus, useTestRuntime } from './helpers/test-runtime.ts'

const TAX = 'docx/real-world-tax-cases.docx'
const WORKSPACE = 'slack:T0FEEDBACK'

describe.each(testDatabases())('feedback on answers ($name)', (db) => {
  const runtime = useTestRuntime(db, async (rt) => {
    await ingestCorpus(rt, [TAX], { workspace: WORKSPACE })
  })

  it('every recorded answer has an id that a 👎 with a reason marks, and the lists, stats and metrics count it', async () => {
    const core = runtime().core
    const answer = await core.ask({ question: 'How much will Eddie, who is single and self employed, gain from the Budget?', workspace: WORKSPACE, channel: null, asker: 'U_ASKER' })
    expect(answer.grounded).toBe(true)
    expect(answer.queryId).toMatch(/^[0-9a-f-]{36}$/)
    // Citations say when their document was shared (the CLI shares no user or channel).
    expect(answer.citations[0]).toMatchObject({ sharedBy: null, sharedIn: null })
    expect(Date.parse(answer.citations[0]!.sharedAt!)).toBeGreaterThan(Date.now() - 10 * 60_000)

    await core.recordFeedback({ queryId: answer.queryId!, workspace: WORKSPACE, helpful: false, by: 'U_ASKER', reason: 'outdated', note: 'the 2008 budget changed this' })
    const [item, ...rest] = await core.feedback({ since: new Date(Date.now() - 60_000) })
    expect(rest).toHaveLength(0)
    expect(item).toMatchObject({
      queryId: answer.queryId,
      workspace: WORKSPACE,
      question: 'How much will Eddie, who is single and self employed, gain from the Budget?',
      feedback: 'not_helpful',
      reason: 'outdated',
      note: 'the 2008 budget changed this',
      by: 'U_ASKER',
      grounded: true,
    })
    // What the answer cited is kept with it: the list shows where a wrong answer came from.
    expect(item!.sources.map((s) => s.documentId)).toEqual(answer.citations.map((c) => c.documentId))
    expect((await core.stats()).feedback).toEqual({ helpful: 0, notHelpful: 1 })

    const metrics = createMetrics({ documentCounts: async () => ({}), feedbackCounts: () => core.feedbackCounts() })
    expect(await metrics.registry.metrics()).toMatch(/docuquery_answer_feedback\{feedback="not_helpful"\} 1/)
  })

  it('the latest click wins: a 👍 after a 👎 clears its reason and moves it to helpful', async () => {
    const core = runtime().core
    const answer = await core.ask({ question: 'What will Eddie gain from the Budget?', workspace: WORKSPACE, channel: null })
    await core.recordFeedback({ queryId: answer.queryId!, workspace: WORKSPACE, helpful: false, by: 'U1', reason: 'wrong_source' })
    await core.recordFeedback({ queryId: answer.queryId!, workspace: WORKSPACE, helpful: true, by: 'U2' })
    const helpful = await core.feedback({ since: new Date(Date.now() - 60_000), helpful: true })
    expect(helpful.map((i) => [i.queryId, i.by, i.reason])).toEqual([[answer.queryId, 'U2', null]])
    expect((await core.feedback({ since: new Date(Date.now() - 60_000) })).map((i) => i.queryId)).not.toContain(answer.queryId)
  })

  it('a click from another workspace, or on an id that is no question, marks nothing', async () => {
    const core = runtime().core
    const answer = await core.ask({ question: 'What will Eddie gain from the Budget?', workspace: WORKSPACE, channel: null })
    await expect(core.recordFeedback({ queryId: answer.queryId!, workspace: 'slack:T0OTHER', helpful: false, by: 'U9' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(core.recordFeedback({ queryId: 'not-a-uuid', workspace: WORKSPACE, helpful: false, by: 'U9' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      core.recordFeedback({ queryId: '00000000-0000-4000-8000-000000000000', workspace: WORKSPACE, helpful: false, by: 'U9' }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it('GET /api/feedback and `docuquery feedback --export` list the 👎 answers as evaluation cases', async () => {
    const rt = runtime()
    const declined = await rt.core.ask({ question: 'Can I get time off to go vote?', workspace: WORKSPACE, channel: null })
    expect(declined.grounded).toBe(false)
    await rt.core.recordFeedback({ queryId: declined.queryId!, workspace: WORKSPACE, helpful: false, by: 'U3', reason: 'not_answered' })

    const app = createAdminApp({
      core: rt.core,
      logger: silentLogger,
      metrics: createMetrics({ documentCounts: async () => ({}) }),
      adminToken: 'feedback-token-0123456789',
      maxFileBytes: 1024 * 1024,
      isReady: async () => true,
    })
    const response = await app.request('/api/feedback?since=1h', { headers: { authorization: 'Bearer feedback-token-0123456789' } })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { feedback: Array<{ question: string; reason: string }> }
    expect(body.feedback.map((f) => f.question)).toContain('Can I get time off to go vote?')
    const bad = await app.request('/api/feedback?since=yesterday', { headers: { authorization: 'Bearer feedback-token-0123456789' } })
    expect(bad.status).toBe(400)

    const stdout = new Capture()
    const out = createOutput(stdout, new Capture(), { quiet: true, env: {} })
    const client = createLocalClient(rt, () => {})
    expect(await feedbackCommand(client, { since: '1h', workspace: WORKSPACE, json: false, export: true }, out)).toBe(0)
    const cases = stdout.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(cases.find((c) => c.q === 'Can I get time off to go vote?')).toMatchObject({ doc: '', expect: [], style: '', reason: 'not_answered', workspace: WORKSPACE })

    const readable = new Capture()
    await feedbackCommand(client, { since: '1h', json: false, export: false }, createOutput(readable, new Capture(), { quiet: true, env: {} }))
    expect(readable.text).toContain('Q: Can I get time off to go vote?')
    expect(readable.text).toContain('Why: did not answer the question')
  })
})
