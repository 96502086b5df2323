import { sql } from 'drizzle-orm'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectRows } from '../src/store/db/database.ts'
import type { Runtime } from '../src/runtime.ts'
import { openAiFake } from './fakes/openai-fake.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, ingestCorpus } from './helpers/test-runtime.ts'

// Ollama's OpenAI-compatible API, as a user would point DocuQuery at it: a URL, no key.
const OLLAMA_URL = 'http://ollama.internal.test:11434/v1'
const ollama = openAiFake(OLLAMA_URL)
const server = setupServer(...ollama.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const env = {
  OPENAI_BASE_URL: OLLAMA_URL,
  OPENAI_MODEL: 'llama3.1',
  EMBEDDINGS_PROVIDER: 'openai',
  EMBEDDINGS_MODEL: 'nomic-embed-text',
  EMBEDDINGS_DIMENSIONS: '768',
  // This file is about embeddings; the answer model's retrieval calls have their own tests.
  LLM_REWRITE_QUESTIONS: 'false',
  LLM_RERANK_PASSAGES: 'false',
  CACHE_TTL_SECONDS: '0',
}

interface EmbeddingsBody {
  model: string
  input: string[]
  dimensions?: number
  encoding_format?: string
}

describe.each(testDatabases())('embeddings from an OpenAI-compatible server with OPENAI_BASE_URL alone ($name)', (db) => {
  let runtime: Runtime
  let drop: () => Promise<void>
  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database, env)
    await ingestCorpus(runtime, ['pdf/sample-contract.pdf', 'text/markdown/18f-handbook-leave.md'])
  })
  afterAll(async () => {
    await runtime?.close()
    await drop?.()
  })

  it('embeds every chunk with nomic-embed-text at 768 dimensions, in batches, without asking to shorten them', async () => {
    expect(runtime.embedder).toMatchObject({ model: 'openai:nomic-embed-text', dimensions: 768 })
    const stored = await selectRows<{ embedding_model: string; dims: number; n: number }>(
      runtime.database.orm,
      sql`select embedding_model, vector_dims(embedding) as dims, count(*)::int as n from chunks group by 1, 2`,
    )
    expect(stored.map((s) => [s.embedding_model, Number(s.dims)])).toEqual([['openai:nomic-embed-text', 768]])
    const requests = ollama.embeddingScript.requests
    expect(requests.length).toBeGreaterThan(0)
    for (const request of requests) {
      expect(request.url).toBe(`${OLLAMA_URL}/embeddings`)
      const body = request.body as EmbeddingsBody
      expect(body.model).toBe('nomic-embed-text')
      // Only text-embedding-3 models can be shortened; a local server would reject or ignore the field.
      expect(body).not.toHaveProperty('dimensions')
      expect(body.encoding_format).toBe('float')
    }
    expect(requests.some((r) => (r.body as EmbeddingsBody).input.length > 1)).toBe(true)
  })

  it('embeds the question with the same model and answers through the same server', async () => {
    const before = ollama.embeddingScript.requests.length
    const question = 'How many days of advance written notice must the consultant give to terminate the agreement?'
    const result = await runtime.core.ask({ question, workspace: 'local', channel: null })
    expect(result.grounded).toBe(true)
    expect(result.citations[0]?.source).toBe('pdf/sample-contract.pdf')
    expect(result.provider).toBe('openai:llama3.1')
    const asked = ollama.embeddingScript.requests.slice(before).map((r) => (r.body as EmbeddingsBody).input)
    expect(asked).toContainEqual([question])
    const chat = ollama.script.requests.at(-1)
    expect(chat?.url).toBe(`${OLLAMA_URL}/chat/completions`)
    // A local server is sent max_tokens, which it knows, not OpenAI's newer max_completion_tokens.
    expect(chat?.body).toMatchObject({ model: 'llama3.1', max_tokens: 600 })
  })

  it('still answers, by keywords, when the server cannot embed the question', async () => {
    ollama.embeddingScript.always({ kind: 'server_error' })
    try {
      const result = await runtime.core.ask({ question: 'How many annual leave hours can be carried over?', workspace: 'local', channel: null })
      expect(result.grounded).toBe(true)
      expect(result.citations[0]?.source).toBe('text/markdown/18f-handbook-leave.md')
    } finally {
      ollama.embeddingScript.reset()
    }
  })
})
