import { HttpResponse, http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { anthropicFake } from './fakes/anthropic-fake.ts'
import { readCorpus } from './helpers/corpus.ts'
import { BOT_USER, type FakeFile, TEAM, createSlackFake, fileShareEvent, mentionEvent } from './helpers/slack-kit.ts'
import { type SlackService, openSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'

const slack = createSlackFake()
const anthropic = anthropicFake()
const mockServer = setupServer(...slack.handlers, ...anthropic.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  anthropic.script.reset()
  mockServer.resetHandlers()
})
afterAll(() => mockServer.close())

const env = {
  ANTHROPIC_API_KEY: 'sk-ant-test',
  LLM_PROVIDERS: 'anthropic',
  LLM_TIMEOUT_MS: '30000',
  LLM_REWRITE_QUESTIONS: 'false',
  LLM_RERANK_PASSAGES: 'false',
  CACHE_TTL_SECONDS: '0',
}
const CHANNEL = 'C0STREAM01'
const question = 'How many days of advance written notice must the consultant give to terminate the agreement?'
const contract: FakeFile = { id: 'F0STCONTRA', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }
const streamedAnswer = Array.from(
  { length: 5 },
  (_, i) => `Point ${i + 1}: the consultant may terminate the agreement by giving at least one hundred and twenty days advance written notice [1].`,
).join(' ')

describe.each(testDatabases())('Slack native streaming (chat.startStream / appendStream / stopStream) ($name)', (db) => {
  let service: SlackService
  let close: () => Promise<void> = async () => {}

  beforeAll(async () => {
    ;({ service, close } = await openSlackService(db, env))
    const bytes = readCorpus('pdf/sample-contract.pdf')
    contract.size = bytes.byteLength
    slack.serveFile(contract, bytes, contract.mimetype)
    await service.deliver(fileShareEvent(CHANNEL, 'channel', [contract]))
  })
  afterAll(() => close())
  beforeEach(() => {
    slack.calls.length = 0
  })

  it('streams the answer into the thread for the asker, appends only what is new, and ends with sources and 👍/👎', async () => {
    anthropic.script.next({ kind: 'answer', text: streamedAnswer, deltaDelayMs: 60 })
    const event = mentionEvent(CHANNEL, question, { user: 'U0READER1' })
    await service.deliver(event)

    const [start, ...restarts] = slack.called('chat.startStream')
    expect(restarts).toHaveLength(0)
    expect(start?.args).toMatchObject({ channel: CHANNEL, thread_ts: event.ts, recipient_team_id: TEAM, recipient_user_id: 'U0READER1' })
    const appends = slack.called('chat.appendStream')
    const [stop, ...more] = slack.called('chat.stopStream')
    expect(more).toHaveLength(0)
    for (const call of [...appends, stop]) expect(call?.args).toMatchObject({ channel: CHANNEL, ts: start?.ts })
    expect(appends.length).toBeGreaterThanOrEqual(2) // it really streamed
    // Start, appends and stop together are the answer, each piece once and in order.
    const pieces = [start, ...appends, stop].map((c) => String(c?.args.markdown_text ?? ''))
    expect(pieces.join('')).toBe(streamedAnswer)
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThan(0)
    // Paced: appends at most two a second (the default interval).
    const times = [start, ...appends].map((c) => c?.at ?? 0)
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!, `append ${i}`).toBeGreaterThanOrEqual(450)
    // The sources and 👍/👎 come as blocks at the end; nothing is posted or edited the old way.
    const blocks = stop?.args.blocks as Array<{ type: string; text?: { text: string } }>
    expect(blocks[0]?.text?.text).toMatch(/^\*Sources\*\n\[1\] \*sample-contract\.pdf\* — p\. \d+ · shared by <@U0SHARER1> in <#C0STREAM01> · </)
    expect(blocks.at(-1)?.type).toBe('context_actions')
    expect(slack.posts(CHANNEL, String(event.ts))).toHaveLength(0)
    expect(slack.called('chat.update')).toHaveLength(0)
  })

  it('never lets model text ping the channel through a streamed token', async () => {
    anthropic.script.next({ kind: 'answer', text: `Tell <!channel> and <@${BOT_USER}> that the notice is 120 days [1].`, deltaDelayMs: 20 })
    const event = mentionEvent(CHANNEL, question)
    await service.deliver(event)
    const streamed = [...slack.called('chat.startStream'), ...slack.called('chat.appendStream'), ...slack.called('chat.stopStream')].map((c) => String(c.args.markdown_text ?? '')).join('')
    expect(streamed).toContain('120 days')
    expect(streamed).not.toMatch(/<!channel>|<@U/)
  })

  it('falls back to chat.update pacing where Slack refuses the streaming methods (not_allowed_token_type), and remembers', async () => {
    let refused = 0
    mockServer.use(
      http.post('https://slack.com/api/chat.startStream', () => {
        refused++
        return HttpResponse.json({ ok: false, error: 'not_allowed_token_type' })
      }),
    )
    for (let i = 0; i < 2; i++) {
      anthropic.script.next({ kind: 'answer', text: streamedAnswer, deltaDelayMs: 60 })
      const event = mentionEvent(CHANNEL, question)
      await service.deliver(event)
      const [post, ...others] = slack.posts(CHANNEL, String(event.ts))
      expect(others).toHaveLength(0)
      const updates = slack.called('chat.update').filter((u) => u.args.ts === post?.ts)
      const final = String((updates.at(-1) ?? post)?.args.text)
      expect(final.startsWith(`${streamedAnswer}\n\n*Sources*\n[1] *sample-contract.pdf*`)).toBe(true)
      slack.calls.length = 0
    }
    expect(refused).toBe(1)
    expect(slack.called('chat.appendStream')).toHaveLength(0)
  })
})
