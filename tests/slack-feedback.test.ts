import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Runtime } from '../src/runtime.ts'
import { readCorpus } from './helpers/corpus.ts'
import { feedbackClick, feedbackModalSubmission } from './helpers/slack-interactions.ts'
import { type FakeFile, TEAM, type WebApiCall, createSlackFake, fileShareEvent, mentionEvent } from './helpers/slack-kit.ts'
import { type SlackService, openSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'

const fake = createSlackFake()
const mockServer = setupServer(...fake.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterAll(() => mockServer.close())

const CHANNEL = 'C0FEEDBAK1'
const WORKSPACE = `slack:${TEAM}`
const question = 'How long must the consultant keep records available for audit after final payment?'
const contract: FakeFile = { id: 'F0FBCONTRA', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }

interface Block {
  type: string
  elements?: Array<Record<string, unknown> & { positive_button?: { value: string }; negative_button?: { value: string }; value?: string; action_id?: string }>
}

describe.each(testDatabases())('Slack feedback on answers ($name)', (db) => {
  let runtime: Runtime
  let service: SlackService
  let close: () => Promise<void> = async () => {}

  beforeAll(async () => {
    ;({ runtime, service, close } = await openSlackService(db))
    const bytes = readCorpus('pdf/sample-contract.pdf')
    contract.size = bytes.byteLength
    fake.serveFile(contract, bytes, contract.mimetype)
    await service.deliver(fileShareEvent(CHANNEL, 'channel', [contract]))
  })
  afterAll(() => close())
  beforeEach(() => {
    fake.calls.length = 0
    fake.refusedBlocks.clear()
  })

  /** Asks in the channel; returns the answer message as posted (its blocks carry the buttons). */
  const ask = async (): Promise<WebApiCall> => {
    const event = mentionEvent(CHANNEL, question)
    await service.deliver(event)
    const posts = fake.posts(CHANNEL, String(event.ts))
    const answer = posts.at(-1)
    if (!answer) throw new Error('no answer posted')
    return answer
  }
  const blocksOf = (call: WebApiCall) => call.args.blocks as Block[]
  const marked = (helpful: boolean) => runtime.core.feedback({ since: new Date(Date.now() - 60_000), helpful, workspace: WORKSPACE })

  it('puts feedback_buttons in a context_actions block under each answer; 👍 is stored on the question with who clicked', async () => {
    const answer = await ask()
    const actions = blocksOf(answer).at(-1)
    expect(actions?.type).toBe('context_actions')
    const buttons = actions?.elements?.[0]
    expect(buttons).toMatchObject({ type: 'feedback_buttons', action_id: 'answer_feedback' })
    const up = String(buttons?.positive_button?.value)
    expect(up).toMatch(/^up:[0-9a-f-]{36}$/)
    expect(buttons?.negative_button?.value).toBe(up.replace('up:', 'down:'))

    const res = await service.interact(feedbackClick({ value: up, channel: CHANNEL, messageTs: String(answer.ts), user: 'U0LIKER01' }))
    expect(res.status).toBe(200)
    const [item] = (await marked(true)).filter((i) => i.queryId === up.slice(3))
    expect(item).toMatchObject({ question, feedback: 'helpful', by: 'U0LIKER01', reason: null })
    expect(fake.called('views.open')).toHaveLength(0) // 👍 asks nothing more
    expect((await runtime.core.stats()).feedback?.helpful).toBeGreaterThanOrEqual(1)
  })

  it('👎 is stored at once and opens "what was wrong?"; the submitted reason and note join the same mark', async () => {
    const answer = await ask()
    const down = String(blocksOf(answer).at(-1)?.elements?.[0]?.negative_button?.value)
    const queryId = down.slice('down:'.length)
    const click = feedbackClick({ value: down, channel: CHANNEL, messageTs: String(answer.ts), user: 'U0DISLIKE' })
    await service.interact(click)

    expect((await marked(false)).find((i) => i.queryId === queryId)).toMatchObject({ feedback: 'not_helpful', by: 'U0DISLIKE', reason: null })
    const [open] = fake.called('views.open')
    expect(open?.args.trigger_id).toBe(click.trigger_id)
    const view = open?.args.view as { type: string; callback_id: string; private_metadata: string; blocks: Array<{ block_id: string; element: { options?: Array<{ value: string }> } }> }
    expect(view).toMatchObject({ type: 'modal', callback_id: 'answer_feedback_reason' })
    expect(view.blocks.find((b) => b.block_id === 'reason')?.element.options?.map((o) => o.value)).toEqual(['wrong_source', 'outdated', 'not_answered', 'other'])

    const res = await service.interact(feedbackModalSubmission({ privateMetadata: view.private_metadata, reason: 'outdated', note: 'the 2024 contract replaced this', user: 'U0DISLIKE' }))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('') // an empty ack closes the modal
    expect((await marked(false)).find((i) => i.queryId === queryId)).toMatchObject({ reason: 'outdated', note: 'the 2024 contract replaced this', by: 'U0DISLIKE' })
  })

  it('a modal submission naming another workspace in its metadata changes nothing', async () => {
    const answer = await ask()
    const down = String(blocksOf(answer).at(-1)?.elements?.[0]?.negative_button?.value)
    const queryId = down.slice('down:'.length)
    await service.interact(feedbackClick({ value: down, channel: CHANNEL, messageTs: String(answer.ts), user: 'U0DISLIKE' }))
    const forged = JSON.stringify({ queryId, workspace: 'slack:T0ELSEWHERE' })
    await service.interact(feedbackModalSubmission({ privateMetadata: forged, reason: 'wrong_source', note: 'forged', user: 'U0DISLIKE' }))
    expect((await marked(false)).find((i) => i.queryId === queryId)).toMatchObject({ reason: null, note: null })
  })

  it('falls back to plain 👍/👎 buttons where Slack refuses context_actions, and their clicks are stored the same way', async () => {
    fake.refusedBlocks.add('context_actions')
    const answer = await ask()
    const last = blocksOf(answer).at(-1)
    expect(last?.type).toBe('actions')
    expect(last?.elements?.map((e) => e.action_id)).toEqual(['answer_feedback_up', 'answer_feedback_down'])
    const up = String(last?.elements?.[0]?.value)
    await service.interact(feedbackClick({ value: up, channel: CHANNEL, messageTs: String(answer.ts), user: 'U0PLAIN01', plain: true }))
    expect((await marked(true)).find((i) => i.queryId === up.slice(3))).toMatchObject({ by: 'U0PLAIN01' })
  })

  it('a click carrying a question of another workspace marks nothing and tells only the clicker', async () => {
    const other = await runtime.core.ask({ question, workspace: 'slack:T0ELSEWHERE', channel: null })
    const stranger = '00000000-0000-4000-8000-000000000000'
    const before = await runtime.core.feedbackCounts()
    await service.interact(feedbackClick({ value: `up:${other.queryId ?? stranger}`, channel: CHANNEL, messageTs: '1800000000.000001', user: 'U0MALLORY' }))
    expect(await runtime.core.feedbackCounts()).toEqual(before)
    const [ephemeral] = fake.called('chat.postEphemeral')
    expect(ephemeral?.args).toMatchObject({ channel: CHANNEL, user: 'U0MALLORY' })
  })
})
