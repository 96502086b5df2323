import { sql } from 'drizzle-orm'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectRows } from '../src/store/db/database.ts'
import { vectorIndexName } from '../src/store/vector-index.ts'
import type { Runtime } from '../src/runtime.ts'
import { geminiFake } from './fakes/gemini-fake.ts'
import { openAiFake } from './fakes/openai-fake.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, ingestCorpus, waitForIndexing } from './helpers/test-runtime.ts'

const openai = openAiFake()
const gemini = geminiFake()
const server = setupServer(...openai.handlers, ...gemini.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const files = ['pdf/sample-contract.pdf', 'text/markdown/18f-handbook-leave.md', 'text/plain/rfc2045-mime-part-one.txt', 'docx/real-world-tax-cases.docx']
const question = 'How many days of advance written notice must the consultant give to terminate the agreement?'

describe.each(testDatabases())('switching the embedding model with reindex ($name)', (db) => {
  let drop: () => Promise<void>
  let database: Awaited<ReturnType<typeof db.create>>['database']
  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    database = created.database
  })
  afterAll(async () => drop?.())

  const ask = async (rt: Runtime) => {
    const result = await rt.core.ask({ question, workspace: 'local', channel: null })
    expect(result.grounded, JSON.stringify(result).slice(0, 800)).toBe(true)
    expect(result.citations[0]?.source).toBe('pdf/sample-contract.pdf')
    return result
  }
  // PGlite answers without touching the event loop, so a tight ask loop would starve the parser threads' messages.
  const breathe = () => new Promise((resolve) => setTimeout(resolve, 25))
  const models = async () =>
    await selectRows<{ embedding_model: string; dims: number; n: number }>(
      database.orm,
      sql`select embedding_model, vector_dims(embedding) as dims, count(*)::int as n from chunks group by 1, 2 order by 1`,
    )

  it('moves 256-dimension local vectors to 1,536-dimension OpenAI ones while questions keep being answered', async () => {
    const local = await buildTestRuntime(database)
    await ingestCorpus(local, files)
    await ask(local)
    await local.close()
    expect((await models()).map((m) => [m.embedding_model, Number(m.dims)])).toEqual([['local-hash-v1', 256]])

    // One document at a time: the index is mixed from the first document moved until the last, three
    // documents long, so the loop below sees it even on a busy machine (two at a time could finish in one poll).
    const switched = await buildTestRuntime(database, { EMBEDDINGS_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', INGEST_CONCURRENCY: '1' })
    try {
      expect(switched.embedder.model).toBe('openai:text-embedding-3-small')
      const indexes = await selectRows<{ indexname: string }>(database.orm, sql`select indexname from pg_indexes where tablename = 'chunks'`)
      expect(indexes.map((i) => i.indexname)).toContain(vectorIndexName('openai:text-embedding-3-small'))

      // Before the reindex: the new model has no chunks yet; the old ones still answer.
      await ask(switched)
      const job = await switched.core.reindex()
      let askedDuring = 0
      let sawMixed = false
      for (;;) {
        const mix = await models()
        if (mix.length > 1) sawMixed = true
        await ask(switched)
        askedDuring++
        if ((await switched.core.job(job.id)).status !== 'running') break
        await breathe()
      }
      await waitForIndexing(switched)
      expect(askedDuring).toBeGreaterThan(0)
      const after = await models()
      expect(after.map((m) => [m.embedding_model, Number(m.dims)])).toEqual([['openai:text-embedding-3-small', 1536]])
      const result = await ask(switched)
      expect(result.citations[0]?.source).toBe('pdf/sample-contract.pdf')
      // Documents moved one by one: questions were answered while both models were in the index.
      expect(sawMixed).toBe(true)
      const docs = await switched.core.listDocuments({ workspace: 'local' })
      expect(docs.every((d) => d.embeddingModel === 'openai:text-embedding-3-small' && d.status === 'indexed')).toBe(true)
      // Embeddings were requested in batches, never one text per request.
      expect(openai.embeddingScript.requests.some((r) => ((r.body as { input: string[] }).input?.length ?? 0) > 1)).toBe(true)
    } finally {
      await switched.close()
    }
  })

  it('answers by keywords when the embeddings provider is down, and says nothing is lost', async () => {
    const rt = await buildTestRuntime(database, { EMBEDDINGS_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test' })
    try {
      openai.embeddingScript.always({ kind: 'server_error' })
      const result = await ask(rt)
      expect(result.answer).toMatch(/one hundred and twenty \(120\) days/)
    } finally {
      openai.embeddingScript.reset()
      await rt.close()
    }
  })

  it('moves to Gemini text-embedding-004 (768 dimensions) the same way', async () => {
    const rt = await buildTestRuntime(database, { EMBEDDINGS_PROVIDER: 'gemini', GEMINI_API_KEY: 'AIza-test', OPENAI_API_KEY: 'sk-test' })
    try {
      await ask(rt) // answered from the OpenAI vectors, embedded for the question by OpenAI
      const job = await rt.core.reindex()
      while ((await rt.core.job(job.id)).status === 'running') {
        await ask(rt)
        await breathe()
      }
      await waitForIndexing(rt)
      expect((await models()).map((m) => [m.embedding_model, Number(m.dims)])).toEqual([['gemini:text-embedding-004', 768]])
      await ask(rt)
      const tasks = gemini.embeddingScript.requests.flatMap((r) => (r.body as { requests: { taskType: string }[] }).requests.map((q) => q.taskType))
      expect(new Set(tasks)).toEqual(new Set(['RETRIEVAL_DOCUMENT', 'RETRIEVAL_QUERY']))
    } finally {
      await rt.close()
    }
  })
})
