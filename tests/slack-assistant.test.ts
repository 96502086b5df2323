import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Runtime } from '../src/runtime.ts'
import { readCorpus } from './helpers/corpus.ts'
import { type FakeFile, TEAM, createSlackFake, fileShareEvent } from './helpers/slack-kit.ts'
import { type SlackService, openSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'

const fake = createSlackFake()
const mockServer = setupServer(...fake.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

const DM = 'D0ASSIST01'
const USER = 'U0ASSIST01'
const contract: FakeFile = { id: 'F0ASCONTRA', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }
const auditQuestion = 'How long must the consultant keep records available for audit after final payment?'

let sequence = 0
/** assistant_thread_started as Slack sends it when someone opens the app's assistant split view. */
const threadStarted = (thread: string) => ({
  type: 'assistant_thread_started',
  assistant_thread: { user_id: USER, context: { channel_id: 'C0VIEWING1', team_id: TEAM, enterprise_id: null }, channel_id: DM, thread_ts: thread },
  event_ts: `${1_700_100_000 + ++sequence}.000100`,
})
/** A message the user types in that assistant thread. */
const threadMessage = (thread: string, text: string) => {
  const ts = `${1_700_100_000 + ++sequence}.000200`
  return { type: 'message', user: USER, text, ts, thread_ts: thread, channel: DM, channel_type: 'im', event_ts: ts, client_msg_id: `5e0f3c1a-${sequence}`, team: TEAM }
}

describe.each(testDatabases())('Slack AI-app thread ($name)', (db) => {
  let runtime: Runtime
  let service: SlackService
  let close: () => Promise<void> = async () => {}

  beforeAll(async () => {
    ;({ runtime, service, close } = await openSlackService(db))
    const bytes = readCorpus('pdf/sample-contract.pdf')
    contract.size = bytes.byteLength
    fake.serveFile(contract, bytes, contract.mimetype)
  })
  afterAll(() => close())
  beforeEach(() => {
    fake.calls.length = 0
    fake.unsupported.clear()
  })

  it('with nothing shared yet, says how to teach it instead of suggesting prompts', async () => {
    await service.deliver(threadStarted('1700100000.000001'))
    expect(fake.called('assistant.threads.setSuggestedPrompts')).toHaveLength(0)
    const [intro] = fake.posts(DM, '1700100000.000001')
    expect(String(intro?.args.text)).toMatch(/nobody has shared one yet/)
  })

  it('suggests prompts built from the workspace’s documents when a thread starts', async () => {
    await service.deliver(fileShareEvent('C0PUBLIC1', 'channel', [contract]))
    fake.calls.length = 0
    const res = await service.deliver(threadStarted('1700100000.000002'))
    expect(res.status).toBe(200)
    const [prompts] = fake.called('assistant.threads.setSuggestedPrompts')
    expect(prompts?.args).toMatchObject({
      channel_id: DM,
      thread_ts: '1700100000.000002',
      title: 'Ask about what your team shared',
      prompts: [{ title: 'About sample-contract', message: 'What are the main points of sample-contract.pdf?' }],
    })
  })

  it('shows "Searching 1 document…" and answers in the thread through the same path as mentions', async () => {
    const thread = '1700100000.000003'
    await service.deliver(threadMessage(thread, auditQuestion))
    const status = fake.called('assistant.threads.setStatus')
    expect(status[0]?.args).toMatchObject({ channel_id: DM, thread_ts: thread, status: 'Searching 1 document…' })
    const [answer, ...more] = fake.posts(DM, thread)
    expect(more).toHaveLength(0)
    expect(String(answer?.args.text)).toMatch(/five \(5\) years[\s\S]*\*Sources\*\n\[1\] \*sample-contract\.pdf\*/)
    expect(answer!.at).toBeGreaterThan(status[0]!.at) // the status shows while the answer is being found
    expect((answer?.args.blocks as Array<{ type: string }>).at(-1)?.type).toBe('context_actions')
    // The turn is remembered: a follow-up in the same thread has it as context.
    const history = await runtime.core.threadHistory({ workspace: `slack:${TEAM}`, channel: DM, thread })
    expect(history.map((t) => t.question)).toEqual([auditQuestion])
  })

  it('still answers where Slack refuses the status (an older workspace)', async () => {
    fake.unsupported.add('assistant.threads.setStatus')
    const thread = '1700100000.000004'
    await service.deliver(threadMessage(thread, auditQuestion))
    expect(String(fake.posts(DM, thread)[0]?.args.text)).toMatch(/\*Sources\*/)
  })

  it('a DM outside an assistant thread is still answered by the DM listener', async () => {
    const ts = `${1_700_100_000 + ++sequence}.000300`
    await service.deliver({ type: 'message', user: USER, text: auditQuestion, ts, channel: DM, channel_type: 'im', event_ts: ts })
    expect(fake.called('assistant.threads.setStatus')).toHaveLength(0)
    expect(String(fake.posts(DM)[0]?.args.text)).toMatch(/\*Sources\*/)
  })
})
