import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { generationUnavailableNote } from '../src/answer/answer-question.ts'
import type { Runtime } from '../src/runtime.ts'
import { anthropicFake } from './fakes/anthropic-fake.ts'
import { openAiFake } from './fakes/openai-fake.ts'
import { readCorpus } from './helpers/corpus.ts'
import { type FakeFile, TEAM, type WebApiCall, createSlackFake, fileShareEvent, mentionEvent } from './helpers/slack-kit.ts'
import { type SlackService, startSlackService } from './helpers/slack-service.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime } from './helpers/test-runtime.ts'

// Slack and the answer models' HTTP APIs are faked at the network; the test's own server is real.
const slack = createSlackFake()
const anthropic = anthropicFake()
const openai = openAiFake()
const mockServer = setupServer(...slack.handlers, ...anthropic.handlers, ...openai.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  anthropic.script.reset()
  openai.script.reset()
})
afterAll(() => mockServer.close())

const env = {
  ANTHROPIC_API_KEY: 'sk-ant-test',
  OPENAI_API_KEY: 'sk-test',
  LLM_PROVIDERS: 'anthropic,openai',
  LLM_TIMEOUT_MS: '30000',
  LLM_BREAKER_FAILURES: '1000',
  // These tests script the answer call; the rewrite and rerank calls have their own (model-retrieval.test.ts).
  LLM_REWRITE_QUESTIONS: 'false',
  LLM_RERANK_PASSAGES: 'false',
  // Every mention must reach the provider: the same question is asked in several tests.
  CACHE_TTL_SECONDS: '0',
}

const CHANNEL = 'C0MODELS1'
const question = 'How many days of advance written notice must the consultant give to terminate the agreement?'
const contract: FakeFile = { id: 'F0MCONTRAC', name: 'sample-contract.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }

/** A grounded answer of ~100 words, cited; streamed 3 words a frame it takes a few seconds. */
const streamedAnswer = Array.from(
  { length: 6 },
  (_, i) => `Point ${i + 1}: the consultant may terminate the agreement by giving the commission at least one hundred and twenty days advance written notice [1].`,
).join(' ')

interface Section {
  type: string
  text: { type: string; text: string }
}

describe.each(testDatabases())('Slack answers from streaming answer models ($name)', (db) => {
  let runtime: Runtime
  let service: SlackService
  let drop: () => Promise<void> = async () => {}

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database, env)
    service = await startSlackService(runtime)
    const bytes = readCorpus('pdf/sample-contract.pdf')
    contract.size = bytes.byteLength
    slack.serveFile(contract, bytes, contract.mimetype)
    await service.deliver(fileShareEvent(CHANNEL, 'channel', [contract]))
    const [doc] = await runtime.core.listDocuments({ workspace: `slack:${TEAM}`, channel: CHANNEL })
    expect(doc?.status).toBe('indexed')
  })
  afterAll(async () => {
    await service?.close()
    await runtime?.close()
    await drop()
  })
  beforeEach(() => {
    slack.calls.length = 0
  })

  /** Every write (post or update) of the bot's messages in a thread, grouped by message ts, in order. */
  const writesIn = (thread: string): Map<string, WebApiCall[]> => {
    const posted = slack.posts(CHANNEL, thread)
    const byTs = new Map<string, WebApiCall[]>()
    for (const post of posted) {
      const ts = post.ts ?? ''
      byTs.set(ts, [post, ...slack.called('chat.update').filter((u) => u.args.channel === CHANNEL && u.args.ts === ts)])
    }
    return byTs
  }
  /** What people see in the end: the last write of each message. */
  const finalTexts = (thread: string): string[] => [...writesIn(thread).values()].map((writes) => String(writes.at(-1)?.args.text))
  const finalSections = (thread: string): string[] =>
    [...writesIn(thread).values()].flatMap((writes) => (writes.at(-1)?.args.blocks as Section[]).map((b) => b.text.text))

  it('posts the answer as it streams, updates it in place at most once a second, and ends with the full answer and sources', async () => {
    anthropic.script.next({ kind: 'answer', text: streamedAnswer, deltaDelayMs: 120 })
    const event = mentionEvent(CHANNEL, question)
    expect((await service.deliver(event)).status).toBe(200)
    expect(anthropic.script.requests[0]?.stream).toBe(true)

    const thread = String(event.ts)
    const messages = writesIn(thread)
    expect(messages.size).toBe(1) // a short answer is one message, edited in place
    const [writes = []] = [...messages.values()]
    const updates = writes.slice(1)
    expect(updates.length).toBeGreaterThanOrEqual(3) // several partial states, then the final one
    for (let i = 1; i < writes.length; i++) {
      expect((writes[i]?.at ?? 0) - (writes[i - 1]?.at ?? 0), `write ${i}`).toBeGreaterThanOrEqual(900)
    }
    // Partial states grow and say they are unfinished.
    const partials = writes.slice(0, -1).map((w) => String(w.args.text))
    for (const text of partials) expect(text).toMatch(/ …$/)
    for (let i = 1; i < partials.length; i++) expect(partials[i]!.length).toBeGreaterThan(partials[i - 1]!.length)
    const last = String(writes.at(-1)?.args.text)
    expect(last).toBe(`${streamedAnswer}\n\n*Sources*\n[1] *sample-contract.pdf* — p. ${pageOf(last)} · <${linkOf(last)}|shared here>`)
    expect(linkOf(last)).toMatch(new RegExp(`^https://acme\\.slack\\.com/archives/${CHANNEL}/p\\d+$`))
  })

  it('splits a long generated answer within Slack limits without breaking the code block or a citation', async () => {
    const paragraph = (i: number) =>
      `Step ${i}: before the rollout continues, drain the worker queue for shard ${i} and confirm the notice period of one hundred and twenty days [${(i % 2) + 1}].`
    const code = ['```bash', ...Array.from({ length: 40 }, (_, i) => `kubectl rollout restart deploy/worker-${i} --namespace=prod`), '```']
    const answer = [...Array.from({ length: 20 }, (_, i) => paragraph(i)), code.join('\n'), ...Array.from({ length: 20 }, (_, i) => paragraph(i + 20))].join('\n\n')
    expect(answer.length).toBeGreaterThan(6000) // the premise: more than one message's worth
    anthropic.script.next({ kind: 'answer', text: answer, deltaDelayMs: 5 })
    const event = mentionEvent(CHANNEL, question)
    await service.deliver(event)
    expect((anthropic.script.requests[0]?.lastUser.match(/<passage /g) ?? []).length).toBeGreaterThanOrEqual(2) // [2] is a real passage

    const thread = String(event.ts)
    const messages = writesIn(thread)
    expect(messages.size).toBeGreaterThan(1)
    // Every write, partial or final, is within Slack's limits.
    for (const writes of messages.values()) {
      for (const write of writes) {
        const blocks = write.args.blocks as Section[]
        expect(String(write.args.text).length).toBeLessThanOrEqual(4000)
        expect(blocks.length).toBeLessThanOrEqual(50)
        for (const block of blocks) expect(block.text.text.length).toBeLessThanOrEqual(3000)
      }
    }
    const sections = finalSections(thread)
    for (const text of sections) {
      expect((text.match(/^```/gm) ?? []).length % 2, text.slice(0, 80)).toBe(0) // each section opens and closes its fences
      expect(text).not.toMatch(/\[\d*$|^\d*\]/) // no citation cut in half
    }
    // Nothing lost, nothing out of order; each command line is inside a code block.
    const joined = finalTexts(thread).join('\n')
    for (let i = 0; i < 40; i++) expect(joined).toContain(paragraph(i))
    const fenced = sections.flatMap((s) => [...s.matchAll(/^```[^\n]*\n([\s\S]*?)\n```$/gm)].flatMap((m) => m[1]!.split('\n')))
    for (const line of code.slice(1, -1)) expect(fenced).toContain(line)
    expect(joined).not.toMatch(/^```bash/m) // Slack would show the language as a line of code
    expect(joined.indexOf(paragraph(19))).toBeLessThan(joined.indexOf('deploy/worker-0 '))
    expect(joined.indexOf('deploy/worker-39 ')).toBeLessThan(joined.indexOf(paragraph(20)))
    expect(sections.at(-1)).toMatch(/^\*Sources\*\n\[1\] \*sample-contract\.pdf\*[^\n]*\n\[2\] \*sample-contract\.pdf\*/)
  })

  it('answers from OpenAI in the thread when Anthropic is overloaded (529)', async () => {
    anthropic.script.always({ kind: 'overloaded' })
    const fromOpenAi = 'The consultant must give at least one hundred and twenty (120) days advance written notice [1].'
    openai.script.next({ kind: 'answer', text: fromOpenAi, deltaDelayMs: 20 })
    const event = mentionEvent(CHANNEL, question)
    await service.deliver(event)
    expect(anthropic.script.requests.length).toBeGreaterThanOrEqual(1)
    expect(openai.script.requests).toHaveLength(1)
    expect(openai.script.requests[0]?.stream).toBe(true)
    const [text = ''] = finalTexts(String(event.ts))
    expect(text.startsWith(`${fromOpenAi}\n\n*Sources*\n[1] *sample-contract.pdf*`)).toBe(true)
    expect(text).not.toContain(generationUnavailableNote)
    expect(slack.reactions(CHANNEL, String(event.ts))).toEqual(['+eyes'])
  })
})

const pageOf = (text: string) => /— p\. (\d+)/.exec(text)?.[1] ?? '?'
const linkOf = (text: string) => /<([^|>]+)\|shared here>/.exec(text)?.[1] ?? '?'
