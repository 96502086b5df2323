import { HttpResponse, http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { composeQuestion } from '../adapters/slack/listeners/shortcut-listener.ts'
import { readCorpus } from './helpers/corpus.ts'
import { messageShortcut } from './helpers/slack-interactions.ts'
import { type FakeFile, createSlackFake, fileShareEvent } from './helpers/slack-kit.ts'
import { type SlackService, openSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'

const fake = createSlackFake()
const mockServer = setupServer(...fake.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => mockServer.resetHandlers())
afterAll(() => mockServer.close())

const CHANNEL = 'C0SHORTCT1'
const OUTSIDE = 'C0NOBOT001'
const contract: FakeFile = { id: 'F0SCCONTRA', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }
const auditQuestion = 'How long must the consultant keep records available for audit after final payment?'

describe.each(testDatabases())('Slack message shortcut "Ask DocuQuery about this message" ($name)', (db) => {
  let service: SlackService
  let close: () => Promise<void> = async () => {}

  beforeAll(async () => {
    ;({ service, close } = await openSlackService(db))
    const bytes = readCorpus('pdf/sample-contract.pdf')
    contract.size = bytes.byteLength
    fake.serveFile(contract, bytes, contract.mimetype)
    await service.deliver(fileShareEvent(CHANNEL, 'channel', [contract]))
    fake.notIn.add(OUTSIDE)
  })
  afterAll(() => close())
  beforeEach(() => {
    fake.calls.length = 0
    fake.responses.length = 0
  })

  it('answers the message in its thread, with sources and 👍/👎', async () => {
    const message = { ts: '1700000100.000100', user: 'U0COLLEAG1', text: auditQuestion }
    const res = await service.interact(messageShortcut({ channel: CHANNEL, message }))
    expect(res.status).toBe(200)
    const [answer, ...more] = fake.posts(CHANNEL, message.ts)
    expect(more).toHaveLength(0)
    expect(String(answer?.args.text)).toMatch(/five \(5\) years[\s\S]*\*Sources\*\n\[1\] \*sample-contract\.pdf\*/)
    expect((answer?.args.blocks as Array<{ type: string }>).at(-1)?.type).toBe('context_actions')
    expect(fake.responses).toHaveLength(0)
  })

  it('asks a reply together with its thread’s first message, and answers in that thread', async () => {
    const parent = { ts: '1700000200.000100', user: 'U0COLLEAG1', text: 'Question about the consultant records kept for the audit after final payment' }
    fake.setThread(CHANNEL, parent.ts, [{ type: 'message', ...parent, thread_ts: parent.ts, reply_count: 1 }])
    const reply = { ts: '1700000201.000100', thread_ts: parent.ts, user: 'U0COLLEAG2', text: 'How many years is that?' }
    await service.interact(messageShortcut({ channel: CHANNEL, message: reply }))
    expect(fake.called('conversations.replies')[0]?.args).toMatchObject({ channel: CHANNEL, ts: parent.ts })
    const [answer] = fake.posts(CHANNEL, parent.ts)
    expect(String(answer?.args.text)).toMatch(/five \(5\) years/)
  })

  it('in a channel the bot is not in, answers only the person who asked (ephemeral, through response_url)', async () => {
    const message = { ts: '1700000300.000100', user: 'U0COLLEAG1', text: auditQuestion }
    await service.interact(messageShortcut({ channel: OUTSIDE, message, user: 'U0ASKER01' }))
    const [ephemeral] = fake.responses
    expect(ephemeral).toMatchObject({ response_type: 'ephemeral', replace_original: false })
    expect(String(ephemeral?.text)).toMatch(/\*Sources\*/)
    // Nothing was posted for the channel to see.
    expect(fake.called('chat.postMessage').filter((c) => c.args.channel === OUTSIDE && c.ts !== undefined)).toHaveLength(0)
  })

  it('by DM when the ephemeral answer is refused too', async () => {
    mockServer.use(http.post('https://hooks.slack.com/*', () => HttpResponse.text('expired_url', { status: 404 })))
    const message = { ts: '1700000400.000100', user: 'U0COLLEAG1', text: auditQuestion }
    await service.interact(messageShortcut({ channel: OUTSIDE, message, user: 'U0ASKER02' }))
    const [open] = fake.called('conversations.open')
    expect(open?.args.users).toBe('U0ASKER02')
    const dm = fake.called('chat.postMessage').find((c) => String(c.args.channel).startsWith('D'))
    expect(String(dm?.args.text)).toMatch(/\*Sources\*/)
  })
})

describe('the shortcut’s question', () => {
  it('is the message after its thread’s first message, the message kept whole when space runs out', () => {
    expect(composeQuestion('How many years?', 'Records kept for the audit')).toBe('Records kept for the audit\n\nHow many years?')
    expect(composeQuestion('Same', 'Same')).toBe('Same')
    const long = 'x'.repeat(1990)
    expect(composeQuestion(long, 'parent text that does not fit')).toBe(long)
    expect(composeQuestion('q', 'p'.repeat(5000)).length).toBe(2000)
  })
})
