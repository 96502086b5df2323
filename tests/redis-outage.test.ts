import { afterAll, describe, expect, it } from 'vitest'
import { sampleAnswer } from '../src/platform/cache/answer-cache.contract.ts'
import { corpusPath, readCorpus } from './helpers/corpus.ts'
import { redisServerAvailable, startOwnRedis } from './helpers/redis-server.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from './helpers/test-runtime.ts'
import type { Runtime } from '../src/runtime.ts'

// The big book first, so that documents are still being indexed when Redis goes away.
const before = ['pdf/naacl06-shinyama-2col.pdf', 'pdf/research-article-tables.pdf', 'text/markdown/18f-handbook-leave.md']
const during = ['pdf/sample-contract.pdf', 'docx/headings-hierarchy.docx', 'text/markdown/18f-handbook-security.md']

const ingest = (runtime: Runtime, file: string) =>
  runtime.core.ingest({ workspace: 'local', visibleIn: null, bytes: readCorpus(file), filename: corpusPath(file), source: 'cli', sourceRef: file })

describe.skipIf(!redisServerAvailable)(`Redis stopped and restarted mid-run${redisServerAvailable ? '' : ' (skipped: no redis-server binary)'}`, () => {
  describe.each(testDatabases())('on $name', (db) => {
    const cleanups: Array<() => Promise<unknown>> = []
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup()
    })

    it('loses no document and keeps answering questions', async () => {
      const redis = await startOwnRedis()
      cleanups.push(() => redis.stop())
      const created = await db.create()
      cleanups.push(created.drop)
      const runtime = await buildTestRuntime(created.database, {
        REDIS_URL: redis.url,
        INGEST_CONCURRENCY: '1',
        INGEST_RETRY_DELAY_MS: '100',
        CACHE_TIMEOUT_MS: '200',
      })
      cleanups.push(() => runtime.close())
      // PGlite is single-process: there Redis carries the answer cache only.
      expect(runtime.queueKind).toBe(db.name === 'postgres' ? 'bullmq' : 'in-process')

      for (const file of before) expect((await ingest(runtime, file)).status).toBe('pending')
      await runtime.answerCache.set('probe', sampleAnswer())
      expect(await runtime.answerCache.get('probe')).not.toBeNull()

      await redis.stop()
      // Accepted while Redis is down: recorded as pending in the database.
      const receipts = []
      for (const file of during) receipts.push(await ingest(runtime, file))
      expect(receipts.map((r) => [r.status, r.documentId !== null])).toEqual(during.map(() => ['pending', true]))
      const answer = await runtime.core.ask({ question: 'How many days of annual leave do employees get?', workspace: 'local', channel: null })
      expect(typeof answer.answer).toBe('string')
      expect(await runtime.answerCache.get('probe')).toBeNull()
      const cacheStats = (await runtime.core.stats()).cache
      expect(cacheStats).toMatchObject({ backend: 'redis', available: false })
      expect(cacheStats.bypassed).toBeGreaterThan(0)

      await redis.start()
      await waitForIndexing(runtime)
      const docs = await runtime.core.listDocuments({ workspace: 'local' })
      expect(docs.map((d) => [d.source, d.status]).sort()).toEqual([...before, ...during].map((f) => [f, 'indexed']).sort())

      const after = await runtime.core.ask({
        question: 'How long must the consultant keep records available for audit after final payment?',
        workspace: 'local',
        channel: null,
      })
      expect(after.citations[0]?.source).toBe('pdf/sample-contract.pdf')
      // The cache reconnects on its own backoff; until then it keeps bypassing.
      while (!(await runtime.answerCache.stats()).available) await new Promise((r) => setTimeout(r, 50))
      await runtime.answerCache.set('probe', sampleAnswer())
      expect(await runtime.answerCache.get('probe')).not.toBeNull()
    }, 240_000)
  })
})
