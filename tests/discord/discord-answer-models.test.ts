import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Runtime } from '../../src/runtime.ts'
import { anthropicFake } from '../fakes/anthropic-fake.ts'
import { readCorpus } from '../helpers/corpus.ts'
import { testDatabases } from '../helpers/test-databases.ts'
import { buildTestRuntime } from '../helpers/test-runtime.ts'
import type { RecordedRequest } from './gateway-double.ts'
import { ACME, type DiscordHarness, GENERAL, alice, bob, botUser, startDiscordHarness } from './discord-harness.ts'

// The model's API is faked by msw; the gateway and REST double is a real local server (the ws upgrade passes through).
const anthropic = anthropicFake()
const mockServer = setupServer(...anthropic.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
beforeAll(() => mockServer.listen({ onUnhandledRequest: 'error' }))
afterEach(() => anthropic.script.reset())
afterAll(() => mockServer.close())

const env = {
  ANTHROPIC_API_KEY: 'sk-ant-test',
  LLM_PROVIDERS: 'anthropic',
  LLM_TIMEOUT_MS: '30000',
  // These tests script the answer call; the rewrite and rerank calls have their own (model-retrieval.test.ts).
  LLM_REWRITE_QUESTIONS: 'false',
  LLM_RERANK_PASSAGES: 'false',
  // Every question must reach the provider: the same one is asked in several tests.
  CACHE_TTL_SECONDS: '0',
}

const question = 'How many days of advance written notice must the consultant give to terminate the agreement?'
const streamedAnswer = Array.from(
  { length: 6 },
  (_, i) => `Point ${i + 1}: the consultant may terminate the agreement by giving the commission at least one hundred and twenty days advance written notice [1].`,
).join(' ')

const paragraph = (i: number) =>
  `Step ${i}: before the rollout continues, drain the worker queue for shard ${i} and confirm the notice period of one hundred and twenty days [${(i % 2) + 1}].`
const code = ['```bash', ...Array.from({ length: 30 }, (_, i) => `kubectl rollout restart deploy/worker-${i} --namespace=prod`), '```']
// Prose first, so the first piece is cut close to 2,000 characters (where a prefix has no room left).
const longAnswer = [...Array.from({ length: 16 }, (_, i) => paragraph(i)), code.join('\n'), ...Array.from({ length: 8 }, (_, i) => paragraph(i + 16))].join('\n\n')

type Body = { content?: string; message_reference?: { message_id?: string } }
const content = (r: RecordedRequest) => ((r.body ?? {}) as Body).content ?? ''
const fenceCount = (piece: string) => (piece.match(/^```/gm) ?? []).length

/** Every piece is within Discord's limit, keeps its code fences paired and its citations whole. */
function expectWellSplit(pieces: string[]): void {
  for (const piece of pieces) {
    expect(piece.length).toBeLessThanOrEqual(2000)
    expect(fenceCount(piece) % 2, piece.slice(0, 60)).toBe(0)
    expect(piece).not.toMatch(/\[\d*$|^\d*\]/)
  }
  const joined = pieces.join('\n')
  for (let i = 0; i < 24; i++) expect(joined).toContain(paragraph(i))
  const fenced = pieces.flatMap((p) => [...p.matchAll(/^```[^\n]*\n([\s\S]*?)\n```$/gm)].flatMap((m) => m[1]!.split('\n')))
  for (const line of code.slice(1, -1)) expect(fenced).toContain(line)
  expect(joined).toMatch(/\*\*Sources\*\*\n\[1\] \[sample-contract\.pdf\]\(<https:\/\/discord\.com\/channels\/[^>]+>\)[^\n]*\n\[2\] /)
}

describe.each(testDatabases())('Discord answers from a streaming answer model ($name)', (db) => {
  let runtime: Runtime
  let harness: DiscordHarness
  let drop: () => Promise<void>

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database, env)
    harness = await startDiscordHarness(runtime.core)
    const file = harness.double.addAttachment('sample-contract.pdf', readCorpus('pdf/sample-contract.pdf'), 'application/pdf')
    const shared = harness.double.sendMessage({ channelId: GENERAL, author: alice, content: 'the contract', attachments: [file] })
    const reply = await harness.double.waitFor((r) => r.method === 'POST' && ((r.body ?? {}) as Body).message_reference?.message_id === shared.id)
    expect(content(reply)).toMatch(/^Indexed \*sample-contract\.pdf\*/)
  })
  afterAll(async () => {
    await harness?.close()
    await runtime?.close()
    await drop?.()
  })

  const mention = (text: string) => harness.double.sendMessage({ channelId: GENERAL, author: alice, content: `<@${botUser.id}> ${text}`, mentions: [botUser] })
  /** The reply to `id`, then every edit and further message in the channel after it. */
  const answerWrites = (sent: { at: number }) =>
    harness.double.requests.filter((r) => r.at > sent.at && r.status === 200 && new RegExp(`^/api/v10/channels/${GENERAL}/messages(/\\d+)?$`).test(r.path))

  it('replies as the answer streams, edits the reply in place at most once a second, and ends with the answer and its sources', async () => {
    anthropic.script.next({ kind: 'answer', text: streamedAnswer, deltaDelayMs: 120 })
    const sent = mention(question)
    await harness.double.waitFor((r) => r.method === 'PATCH' && r.at > sent.at && content(r).includes('**Sources**'))
    expect(anthropic.script.requests[0]?.stream).toBe(true)
    const writes = answerWrites(sent)
    expect(writes[0]?.method).toBe('POST')
    expect(((writes[0]?.body ?? {}) as Body).message_reference?.message_id).toBe(sent.id)
    const edits = writes.slice(1)
    expect(edits.length).toBeGreaterThanOrEqual(3)
    expect(edits.every((e) => e.method === 'PATCH' && e.path === edits[0]?.path)).toBe(true) // one message, edited in place
    for (let i = 1; i < writes.length; i++) expect((writes[i]?.at ?? 0) - (writes[i - 1]?.at ?? 0), `write ${i}`).toBeGreaterThanOrEqual(900)
    const partials = writes.slice(0, -1).map(content)
    for (const text of partials) expect(text).toMatch(/ …$/)
    const final = content(writes.at(-1) as RecordedRequest)
    expect(final.startsWith(`${streamedAnswer}\n\n**Sources**\n[1] [sample-contract.pdf](<https://discord.com/channels/${ACME}/${GENERAL}/`)).toBe(true)
  })

  it('splits a generated answer longer than 2,000 characters without breaking the code block or a citation', async () => {
    expect(longAnswer.length).toBeGreaterThan(3000) // the premise
    anthropic.script.next({ kind: 'answer', text: longAnswer, deltaDelayMs: 5 })
    const sent = mention(question)
    const last = await harness.double.waitFor((r) => r.method === 'POST' && r.at > sent.at && content(r).includes('**Sources**'))
    const writes = answerWrites(sent).filter((r) => r.at <= last.at)
    for (const write of writes) expect(content(write).length).toBeLessThanOrEqual(2000) // partial states too
    // What people see in the end: the reply's last edit, then the further messages.
    const reply = writes.filter((r) => r.method !== 'POST' || r === writes[0]).at(-1) as RecordedRequest
    const more = writes.filter((r) => r.method === 'POST' && r !== writes[0])
    expect(more.length).toBeGreaterThan(0)
    expectWellSplit([content(reply), ...more.map(content)])
  })

  it('quotes the question on /docuquery ask with room for it in the first piece', async () => {
    anthropic.script.next({ kind: 'answer', text: longAnswer })
    const command = harness.double.sendCommand({ channelId: GENERAL, user: bob, sub: 'ask', options: { question } })
    const followUp = (r: RecordedRequest) => r.method === 'POST' && r.path === `/api/v10/webhooks/${botUser.id}/${command.token}`
    await harness.double.waitFor((r) => followUp(r) && content(r).includes('**Sources**'))
    const edits = harness.double.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/${command.token}/messages/@original`))
    const first = content(edits.at(-1) as RecordedRequest)
    expect(first.startsWith(`**Q:** ${question}\n`)).toBe(true)
    const pieces = [first.slice(first.indexOf('\n') + 1), ...harness.double.requests.filter(followUp).map(content)]
    expect(first.length).toBeLessThanOrEqual(2000)
    expectWellSplit(pieces)
  })
})
