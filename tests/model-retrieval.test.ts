import { sql } from 'drizzle-orm'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { renderRerankPrompt } from '../prompts/rerank-prompt.ts'
import { renderRewritePrompt } from '../prompts/rewrite-prompt.ts'
import type { AnswerResult } from '../src/answer/answer-result.ts'
import { generationUnavailableNote } from '../src/answer/write-answer.ts'
import { selectRows } from '../src/store/db/database.ts'
import type { Database } from '../src/store/db/database.ts'
import type { Runtime } from '../src/runtime.ts'
import { anthropicFake } from './fakes/anthropic-fake.ts'
import type { ProviderScript, RecordedRequest } from './fakes/fake-provider-script.ts'
import { geminiFake } from './fakes/gemini-fake.ts'
import { openAiFake } from './fakes/openai-fake.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, ingestCorpus } from './helpers/test-runtime.ts'

const anthropic = anthropicFake()
const openai = openAiFake()
const gemini = geminiFake()
const server = setupServer(...anthropic.handlers, ...openai.handlers, ...gemini.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  for (const script of [anthropic.script, openai.script, gemini.script]) script.reset()
})
afterAll(() => server.close())

const providers: Array<{ name: string; env: Record<string, string>; script: ProviderScript }> = [
  { name: 'anthropic', env: { ANTHROPIC_API_KEY: 'sk-ant-test', LLM_PROVIDERS: 'anthropic' }, script: anthropic.script },
  { name: 'openai', env: { OPENAI_API_KEY: 'sk-test', LLM_PROVIDERS: 'openai' }, script: openai.script },
  { name: 'gemini', env: { GEMINI_API_KEY: 'AIza-test', LLM_PROVIDERS: 'gemini' }, script: gemini.script },
]

const shared = {
  // Generous: under load a real reply must not be mistaken for a timeout.
  LLM_TIMEOUT_MS: '10000',
  // One try per call, so each test knows exactly which calls are made.
  LLM_RETRIES: '0',
  LLM_BREAKER_FAILURES: '1000',
  CACHE_TTL_SECONDS: '0',
}

/** Shares no word with the clause that answers it ("terminate", "notice", "consultant"). */
const inOtherWords = 'How much warning before the freelancer can quit the gig?'
const inTheirWords = 'How many days of advance written notice must the consultant give to terminate the agreement?'
const carryOver = 'How many annual leave hours can I carry over to the next year?'

const rewriteReply = JSON.stringify({
  reformulations: [inTheirWords, 'Under what conditions may the consultant terminate the agreement?'],
  keywords: ['terminate', 'advance written notice', 'consultant', 'days'],
})

interface Passage {
  id: number
  text: string
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 60)
const passagesIn = (prompt: string, attribute: 'id' | 'number'): Passage[] =>
  [...prompt.matchAll(new RegExp(`<passage ${attribute}="(\\d+)"[^>]*>\\n([\\s\\S]*?)\\n</passage>`, 'g'))].map((m) => ({ id: Number(m[1]), text: flat(m[2] ?? '') }))

const isRewrite = (request: RecordedRequest | undefined) => request?.system === renderRewritePrompt({ question: 'x' }).system
const isRerank = (request: RecordedRequest | undefined) => request?.system === renderRerankPrompt({ question: 'x', passages: [] }).system

/** Estimated input tokens each fake reports: a quarter of the characters of what it was sent. */
const inputTokens = (requests: readonly RecordedRequest[]) => requests.reduce((sum, r) => sum + Math.ceil((r.system.length + r.lastUser.length) / 4), 0)

describe.each(testDatabases())('the answer model helps find the passages ($name)', (db) => {
  let database: Database
  let drop: () => Promise<void>
  let offline: Runtime
  const offlineAnswers = new Map<string, AnswerResult>()

  beforeAll(async () => {
    const created = await db.create()
    database = created.database
    drop = created.drop
    offline = await buildTestRuntime(database, shared)
    await ingestCorpus(offline, ['pdf/sample-contract.pdf', 'text/markdown/18f-handbook-leave.md'])
    for (const question of [inOtherWords, inTheirWords, carryOver]) {
      offlineAnswers.set(question, await offline.core.ask({ question, workspace: 'local', channel: null }))
    }
  })
  afterAll(async () => {
    await offline?.close()
    await drop?.()
  })

  const offlineAnswer = (question: string): AnswerResult => {
    const answer = offlineAnswers.get(question)
    if (!answer) throw new Error(`no offline answer for ${question}`)
    return answer
  }

  it('without a model, a question in other words is declined and one in the document’s words answered (the baseline)', () => {
    expect(offlineAnswer(inOtherWords).grounded).toBe(false)
    expect(offlineAnswer(inTheirWords).grounded).toBe(true)
    expect(offlineAnswer(inTheirWords).answer).toMatch(/one hundred and twenty \(120\) days/)
  })

  describe.each(providers)('through $name', ({ env, script }) => {
    let runtime: Runtime
    let quick: Runtime
    beforeAll(async () => {
      runtime = await buildTestRuntime(database, { ...shared, ...env })
      // For the timeout test only: everywhere else a slow reply under load must not count as one.
      quick = await buildTestRuntime(database, { ...shared, ...env, LLM_TIMEOUT_MS: '300' })
    })
    afterAll(async () => {
      await runtime?.close()
      await quick?.close()
    })

    const lastQuery = async () =>
      (await selectRows<{ tokens_in: number | null; tokens_out: number | null; grounded: boolean }>(
        database.orm,
        sql`select tokens_in, tokens_out, grounded from queries order by created_at desc limit 1`,
      ))[0]

    it('answers a question in other words thanks to the reformulations, calling rewrite, rerank and answer with their prompts', async () => {
      script.next({ kind: 'answer', text: rewriteReply }, { kind: 'answer', text: '{"order": []}' })
      const result = await runtime.core.ask({ question: inOtherWords, workspace: 'local', channel: null })
      expect(result.grounded).toBe(true)
      expect(result.citations[0]?.source).toBe('pdf/sample-contract.pdf')
      const [rewrite, rerank, answer] = script.requests
      expect(script.requests).toHaveLength(3)
      const rewritePrompt = renderRewritePrompt({ question: inOtherWords })
      expect(rewrite?.system).toBe(rewritePrompt.system)
      expect(rewrite?.lastUser).toBe(rewritePrompt.messages[0]?.content)
      expect(isRerank(rerank)).toBe(true)
      expect(rerank?.lastUser).toContain(`Question: ${inOtherWords}`)
      expect(passagesIn(rerank?.lastUser ?? '', 'id').length).toBeGreaterThan(1)
      expect(answer?.lastUser).toContain(`Question: ${inOtherWords}`)
      expect(answer?.lastUser).toContain('one hundred and twenty (120) days')
      // The tokens of all three calls are recorded with the query.
      expect((await lastQuery())?.tokens_in).toBe(inputTokens(script.requests))
    })

    it('puts the passages in the model’s order, ignoring ids it was not given, the others after in their own order', async () => {
      let given: Passage[] = []
      let promoted: Passage | undefined
      const reorder = (prompt: string) => {
        given = passagesIn(prompt, 'id')
        // The offline second passage, put first by the model (the gate answers from it too).
        promoted = given.find((p) => p.id === 2) ?? given.at(-1)
        return JSON.stringify({ order: [promoted?.id, 99, 'x', 0] })
      }
      script.next({ kind: 'answer', text: '{"reformulations": ["What is the maximum number of annual leave hours carried over?"], "keywords": ["carry over", "annual leave"]}' }, { kind: 'answer', text: reorder })
      await runtime.core.ask({ question: carryOver, workspace: 'local', channel: null })
      const answered = passagesIn(script.requests[2]?.lastUser ?? '', 'number').map((p) => p.text)
      expect(given.length).toBeGreaterThan(2)
      expect(promoted?.id).not.toBe(1)
      expect(answered[0]).toBe(promoted?.text)
      // What follows keeps the offline order of what the model was given.
      const offlineOrder = given.map((p) => p.text)
      const rest = answered.slice(1).map((text) => offlineOrder.indexOf(text))
      expect(rest.every((position) => position >= 0)).toBe(true)
      expect(rest).toEqual([...rest].sort((a, b) => a - b))
    })

    it('searches the question as asked when the rewrite is not JSON, and declines what the documents do not say in those words', async () => {
      script.next({ kind: 'answer', text: 'Sure! You could ask about termination notice.' })
      const result = await runtime.core.ask({ question: inOtherWords, workspace: 'local', channel: null })
      expect(result).toMatchObject({ grounded: false, answer: offlineAnswer(inOtherWords).answer, citations: offlineAnswer(inOtherWords).citations })
      // Nothing passed the gate: neither a rerank nor an answer was paid for.
      expect(script.requests).toHaveLength(1)
      expect(isRewrite(script.requests[0])).toBe(true)
    })

    it('keeps the offline order when the ranking is garbage, and answers as without a model when the answer call fails too', async () => {
      // The same search (the same reformulations) with a ranking that moves nothing: what garbage must equal.
      script.next({ kind: 'answer', text: rewriteReply }, { kind: 'answer', text: '{"order": []}' }, { kind: 'server_error' })
      const unranked = await runtime.core.ask({ question: inTheirWords, workspace: 'local', channel: null })
      script.next({ kind: 'answer', text: rewriteReply }, { kind: 'answer', text: 'Passage 2 looks best to me.' }, { kind: 'server_error' })
      const garbage = await runtime.core.ask({ question: inTheirWords, workspace: 'local', channel: null })
      expect(garbage.provider).toBe('extractive')
      expect(garbage.citations).toEqual(unranked.citations)
      expect(garbage.answer).toBe(unranked.answer)
      // Quoted as without a model: the note, then the sentences the offline answer leads with.
      const [firstOffline = ''] = offlineAnswer(inTheirWords).answer.split('\n')
      expect(garbage.answer.startsWith(`${generationUnavailableNote}\n\n${firstOffline}`)).toBe(true)
      expect(garbage.citations[0]).toEqual(offlineAnswer(inTheirWords).citations[0])
    })

    it('answers as without a model when the provider fails every call', async () => {
      script.always({ kind: 'server_error' })
      const failed = await runtime.core.ask({ question: inTheirWords, workspace: 'local', channel: null })
      expect(script.requests.map((r) => (isRewrite(r) ? 'rewrite' : isRerank(r) ? 'rerank' : 'answer'))).toEqual(['rewrite', 'rerank', 'answer'])
      expect(failed.answer).toBe(`${generationUnavailableNote}\n\n${offlineAnswer(inTheirWords).answer}`)
      expect(failed.citations).toEqual(offlineAnswer(inTheirWords).citations)
    })

    it('answers as without a model when the provider never replies (timeouts)', async () => {
      script.always({ kind: 'hang' })
      const timedOut = await quick.core.ask({ question: inTheirWords, workspace: 'local', channel: null })
      expect(script.requests).toHaveLength(3)
      expect(timedOut.answer).toBe(`${generationUnavailableNote}\n\n${offlineAnswer(inTheirWords).answer}`)
      expect(timedOut.citations).toEqual(offlineAnswer(inTheirWords).citations)
    })
  })

  it('rewrites a question once, whatever the channel it is asked from, while answers are cached per channel', async () => {
    const cached = await buildTestRuntime(database, { ...shared, ...providers[0]?.env, CACHE_TTL_SECONDS: '3600' })
    try {
      anthropic.script.next({ kind: 'answer', text: rewriteReply })
      const first = await cached.core.ask({ question: inOtherWords, workspace: 'local', channel: null })
      expect(first.grounded).toBe(true)
      expect(isRewrite(anthropic.script.requests[0])).toBe(true)
      const calls = anthropic.script.requests.length
      const elsewhere = await cached.core.ask({ question: inOtherWords, workspace: 'local', channel: 'C-other' })
      expect(elsewhere.grounded).toBe(true)
      const later = anthropic.script.requests.slice(calls)
      expect(later.length).toBeGreaterThan(0)
      expect(later.some(isRewrite)).toBe(false)
    } finally {
      await cached.close()
    }
  })
})
