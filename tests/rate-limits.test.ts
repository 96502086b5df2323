import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import { isAppError } from '../src/platform/app-error.ts'
import { budgetSpentNote } from '../src/platform/limits/limit-ask.ts'
import { RateLimitedError } from '../src/platform/limits/rate-limited-error.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createMetrics } from '../src/platform/metrics.ts'
import type { Runtime } from '../src/runtime.ts'
import { openAiFake } from './fakes/openai-fake.ts'
import { deleteKeys, testRedisUrl, uniquePrefix } from './helpers/redis-server.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, ingestCorpus } from './helpers/test-runtime.ts'

const openai = openAiFake()
const server = setupServer(...openai.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const question = 'How many hours of annual leave can be carried over?'
const token = 'admin-token-rate-limits-0001'
const local = { incoming: { socket: { remoteAddress: '127.0.0.1' } } }

async function refusal(promise: Promise<unknown>): Promise<RateLimitedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof RateLimitedError)) throw new Error(`expected a rate_limited refusal, got ${String(error)}`)
  return error
}

describe.each(testDatabases())('question limits and the token budget ($name)', (db) => {
  const cleanups: Array<() => Promise<unknown>> = []
  let drop: () => Promise<void> = async () => {}
  let database: Awaited<ReturnType<typeof db.create>>['database']
  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    database = created.database
    const seed = await buildTestRuntime(database, { CACHE_TTL_SECONDS: '0' })
    await ingestCorpus(seed, ['text/markdown/18f-handbook-leave.md'], { workspace: 'acme' })
    await seed.close()
  })
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
    await drop()
  })
  const runtimeWith = async (env: Record<string, string>): Promise<Runtime> => {
    const runtime = await buildTestRuntime(database, { CACHE_TTL_SECONDS: '0', ...env })
    cleanups.push(() => runtime.close())
    return runtime
  }

  it('refuses a person past their limit with a typed error saying when to come back; others still ask', async () => {
    const runtime = await runtimeWith({ RATE_LIMIT_USER_QUESTIONS: '2', RATE_LIMIT_USER_WINDOW_SECONDS: '60' })
    const ask = (asker: string) => runtime.core.ask({ question, workspace: 'acme', channel: null, asker })
    expect((await ask('U1')).grounded).toBe(true)
    await ask('U1')
    const refused = await refusal(ask('U1'))
    expect(isAppError(refused) && refused.code).toBe('rate_limited')
    expect(refused.scope).toBe('user')
    expect(refused.retryAfterMs).toBeGreaterThan(0)
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000)
    // Another person, and the same person id in another workspace, have their own counts.
    expect((await ask('U2')).grounded).toBe(true)
    await runtime.core.ask({ question, workspace: 'other', channel: null, asker: 'U1' })
    const stats = await runtime.core.stats()
    expect(stats.limits?.questions).toEqual({ perUser: { questions: 2, windowSeconds: 60 }, perWorkspace: null, store: 'memory', refused: 1 })
    expect(stats.limits?.tokenBudget).toBeNull()
  })

  it('holds a workspace to its limit whoever asks, and answers the API with 429 and Retry-After', async () => {
    const runtime = await runtimeWith({ RATE_LIMIT_USER_QUESTIONS: '0', RATE_LIMIT_WORKSPACE_QUESTIONS: '3', RATE_LIMIT_WORKSPACE_WINDOW_SECONDS: '120' })
    const app = createAdminApp({
      core: runtime.core,
      logger: silentLogger,
      metrics: createMetrics({ documentCounts: async () => ({}) }),
      adminToken: token,
      maxFileBytes: runtime.config.MAX_FILE_BYTES,
      isReady: async () => true,
    })
    const post = () =>
      app.request('/api/ask', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ question, workspace: 'acme' }) }, local)
    await runtime.core.ask({ question, workspace: 'acme', channel: null, asker: 'U1' })
    await runtime.core.ask({ question, workspace: ' acme', channel: null, asker: 'U2' })
    expect((await post()).status).toBe(200)
    const refused = await post()
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(120)
    expect(await refused.json()).toEqual({ error: { code: 'rate_limited', message: `this workspace has asked too many questions in a short time; try again in ${retryAfter} s` } })
    expect((await refusal(runtime.core.ask({ question, workspace: 'acme', channel: null, asker: 'U3' }))).scope).toBe('workspace')
    // Other workspaces are not held back by this one.
    expect((await runtime.core.ask({ question, workspace: 'elsewhere', channel: null })).grounded).toBe(false)
  })

  it('answers extractively with a note once a workspace has used its daily token budget', async () => {
    openai.script.reset()
    const runtime = await runtimeWith({ OPENAI_API_KEY: 'sk-test', LLM_PROVIDERS: 'openai', LLM_TIMEOUT_MS: '5000', DAILY_TOKEN_BUDGET: '50', LLM_REWRITE_QUESTIONS: 'false', LLM_RERANK_PASSAGES: 'false' })
    const first = await runtime.core.ask({ question, workspace: 'acme', channel: null })
    expect(first.provider).toMatch(/^openai:/)
    expect(openai.script.requests).toHaveLength(1)
    // The first answer used more than 50 tokens: the day's budget is spent.
    const second = await runtime.core.ask({ question: 'How much annual leave do employees earn?', workspace: 'acme', channel: null })
    expect(openai.script.requests).toHaveLength(1)
    expect(second.provider).toBe('extractive')
    expect(second.answer.startsWith(budgetSpentNote)).toBe(true)
    expect(second.grounded).toBe(true)
    expect(second.citations.length).toBeGreaterThan(0)
    // Another workspace still gets the model.
    await runtime.core.ask({ question, workspace: 'fresh', channel: null })
    const stats = await runtime.core.stats()
    expect(stats.limits?.tokenBudget?.dailyTokens).toBe(50)
    const acme = stats.limits?.tokenBudget?.workspaces.find((w) => w.workspace === 'acme')
    expect(acme?.exhausted).toBe(true)
    expect(acme?.tokensToday).toBeGreaterThan(50)
  })
})

describe.skipIf(!testRedisUrl)(`question limits on Redis${testRedisUrl ? '' : ' (skipped: TEST_REDIS_URL is not set)'}`, () => {
  it('counts every process against the same limit', async () => {
    if (!testRedisUrl) return
    const redisUrl = testRedisUrl
    const [db] = testDatabases()
    if (!db) return
    const created = await db.create()
    const prefix = uniquePrefix('rate')
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, RATE_LIMIT_USER_QUESTIONS: '3', RATE_LIMIT_USER_WINDOW_SECONDS: '60' }
    const a = await buildTestRuntime(created.database, env)
    const b = await buildTestRuntime(created.database, env)
    try {
      const ask = (runtime: Runtime) => runtime.core.ask({ question, workspace: 'acme', channel: null, asker: 'U1' })
      await ask(a)
      await ask(b)
      await ask(a)
      expect((await refusal(ask(b))).scope).toBe('user')
      expect((await refusal(ask(a))).scope).toBe('user')
      const stats = await a.core.stats()
      expect(stats.limits?.questions.store).toBe('redis')
      expect(stats.limits?.questions.refused).toBe(2)
    } finally {
      await a.close()
      await b.close()
      await created.drop()
      await deleteKeys(redisUrl, prefix)
    }
  })
})
