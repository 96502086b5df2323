import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectRows } from '../src/store/db/database.ts'
import { vectorIndexName } from '../src/store/vector-index.ts'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { type Runtime, buildRuntime } from '../src/runtime.ts'
import { onnxPackagesInstalled } from './helpers/onnx-packages.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, ingestCorpus } from './helpers/test-runtime.ts'
import { writeTinyModelFolder } from './helpers/tiny-model-folder.ts'

const files = ['pdf/sample-contract.pdf', 'text/markdown/18f-handbook-leave.md']

describe.runIf(onnxPackagesInstalled()).each(testDatabases())('EMBEDDINGS_MODEL_DIR through the real runtime ($name)', (db) => {
  const modelDir = writeTinyModelFolder({ layout: 'onnx' })
  let runtime: Runtime
  let drop: () => Promise<void>
  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database, { EMBEDDINGS_PROVIDER: 'local', EMBEDDINGS_MODEL_DIR: modelDir })
    await ingestCorpus(runtime, files)
  })
  afterAll(async () => {
    await runtime?.close()
    await drop?.()
  })

  it('indexes the documents with the folder model, in its own HNSW index', async () => {
    expect(runtime.embedder).toMatchObject({ model: 'local:tiny-bert', dimensions: 32 })
    const docs = await runtime.core.listDocuments({ workspace: 'local' })
    expect(docs.map((d) => [d.status, d.embeddingModel])).toEqual(files.map(() => ['indexed', 'local:tiny-bert']))
    const dims = await selectRows<{ model: string; dims: number }>(
      runtime.database.orm,
      sql`select distinct embedding_model as model, vector_dims(embedding) as dims from chunks`,
    )
    expect(dims.map((d) => [d.model, Number(d.dims)])).toEqual([['local:tiny-bert', 32]])
    const indexes = await selectRows<{ indexname: string }>(runtime.database.orm, sql`select indexname from pg_indexes where tablename = 'chunks'`)
    expect(indexes.map((i) => i.indexname)).toContain(vectorIndexName('local:tiny-bert'))
  })

  it('stores the vectors the model gives for each chunk', async () => {
    const [chunk] = await selectRows<{ title: string; text: string; embedding: string }>(
      runtime.database.orm,
      sql`select d.title, c.text, c.embedding::text as embedding from chunks c join documents d on d.id = c.document_id
          where c.heading_path is null order by d.title, c.ordinal limit 1`,
    )
    expect(chunk).toBeDefined()
    const stored = JSON.parse(chunk?.embedding ?? '[]') as number[]
    // The ingest pipeline embeds the title with the chunk (src/ingest/index-chunks.ts).
    const [fresh] = await runtime.embedder.embed([`${chunk?.title}\n${chunk?.text}`], 'document')
    expect(stored).toHaveLength(32)
    stored.forEach((v, i) => expect(v).toBeCloseTo(fresh?.[i] ?? Number.NaN, 5))
  })

  it('answers from the right document, with the question embedded by the same model', async () => {
    const result = await runtime.core.ask({
      question: 'How many days of advance written notice must the consultant give to terminate the agreement?',
      workspace: 'local',
      channel: null,
    })
    expect(result.grounded, JSON.stringify(result).slice(0, 600)).toBe(true)
    expect(result.citations[0]?.source).toBe('pdf/sample-contract.pdf')
    const leave = await runtime.core.ask({ question: 'How is annual leave accrued?', workspace: 'local', channel: null })
    expect(leave.citations[0]?.source).toBe('text/markdown/18f-handbook-leave.md')
  })
})

describe('a model folder that cannot be used', () => {
  it('stops start-up naming what is missing, before any database is opened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dq-model-start-'))
    const config = loadConfig({ DATA_DIR: dataDir, EMBEDDINGS_MODEL_DIR: '/nonexistent/all-MiniLM-L6-v2' })
    await expect(buildRuntime(config, silentLogger)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'EMBEDDINGS_MODEL_DIR /nonexistent/all-MiniLM-L6-v2 is not a folder',
    })
    expect(readdirSync(dataDir)).toEqual([])
  })
})
