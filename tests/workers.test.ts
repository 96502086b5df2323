import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { selectRows } from '../src/store/db/database.ts'
import { corpusPath, readCorpus } from './helpers/corpus.ts'
import { deleteKeys, testRedisUrl, uniquePrefix } from './helpers/redis-server.ts'
import { type ServiceProcess, spawnService } from './helpers/spawn-service.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from './helpers/test-runtime.ts'

const files = [
  'pdf/sample-contract.pdf',
  'pdf/latex-multicolumn.pdf',
  'pdf/google-docs-document.pdf',
  'pdf/naacl06-shinyama-2col.pdf',
  'pdf/research-article-tables.pdf',
  'pdf/pike-kernighan-program-design-unix.pdf',
  'pdf/encrypted-user-password-openpassword.pdf',
  'text/markdown/18f-handbook-leave.md',
  'text/markdown/18f-handbook-security.md',
  'docx/headings-hierarchy.docx',
  'docx/footnotes.docx',
  'email/gmail-docx-attachment.eml',
]

const postgres = testDatabases().find((db) => db.name === 'postgres')
const skipReason = !postgres ? 'TEST_DATABASE_URL is not set' : !testRedisUrl ? 'TEST_REDIS_URL is not set' : null

describe.skipIf(skipReason !== null)(`two worker processes drain one BullMQ queue${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const cleanups: Array<() => Promise<unknown>> = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('indexes every document exactly once, spread over both workers', async () => {
    if (!postgres || !testRedisUrl) return
    const redisUrl = testRedisUrl
    const created = await postgres.create()
    cleanups.push(created.drop)
    const [row] = await selectRows<{ name: string }>(created.database.orm, sql`select current_database() as name`)
    const url = new URL(process.env.TEST_DATABASE_URL ?? '')
    url.pathname = `/${row?.name ?? ''}`
    const prefix = uniquePrefix('workers')
    cleanups.push(() => deleteKeys(redisUrl, prefix))
    const shared = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl, REDIS_PREFIX: prefix }

    const workers: ServiceProcess[] = []
    for (let i = 0; i < 2; i++) {
      const worker = spawnService({ ...shared, ROLE: 'worker', INGEST_CONCURRENCY: '1', DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-worker-')) })
      workers.push(worker)
      cleanups.push(() => worker.stop('SIGKILL'))
    }
    await Promise.all(workers.map((w) => w.waitForLog('DocuQuery worker is running')))

    // This process is the web role: it accepts and enqueues, and processes nothing.
    const web = await buildTestRuntime(created.database, { ...shared, ROLE: 'web' })
    cleanups.push(() => web.close())
    expect(web.queueKind).toBe('bullmq')
    for (const file of files) {
      const receipt = await web.core.ingest({ workspace: 'local', visibleIn: null, bytes: readCorpus(file), filename: corpusPath(file), source: 'cli', sourceRef: file })
      expect(receipt.status).toBe('pending')
      // Enqueued twice: still one job, processed once.
      if (receipt.documentId) await web.core.recover()
    }
    await waitForIndexing(web)

    const docs = await selectRows<{ id: string; status: string; attempts: number; source_label: string }>(
      created.database.orm,
      sql`select id, status, attempts, source_label from documents`,
    )
    // The e-mail's attachment became a document of its own, queued by the worker that read the e-mail.
    expect(docs.length).toBeGreaterThan(files.length)
    // Refused on their merits (encrypted; an empty Google Docs export), each once.
    expect(docs.filter((d) => d.status !== 'indexed').map((d) => [d.source_label, d.status]).sort()).toEqual([
      ['email/gmail-docx-attachment.eml › DockMcWordface.docx', 'failed'],
      ['pdf/encrypted-user-password-openpassword.pdf', 'failed'],
    ])
    // `attempts` counts claims: each document was taken by a worker exactly once.
    expect(docs.filter((d) => Number(d.attempts) !== 1)).toEqual([])

    // Each worker's own log says which documents it finished.
    const finished = workers.map(
      (w) => new Set(w.logs.filter((l) => l.msg === 'document indexed' || l.msg === 'document not indexed').map((l) => String(l.documentId))),
    )
    const [first, second] = finished as [Set<string>, Set<string>]
    expect([...first].filter((id) => second.has(id))).toEqual([])
    expect(new Set([...first, ...second])).toEqual(new Set(docs.map((d) => d.id)))
    expect(first.size).toBeGreaterThan(0)
    expect(second.size).toBeGreaterThan(0)

    // A graceful stop: the workers finish what they hold and exit cleanly.
    expect(await Promise.all(workers.map((w) => w.stop('SIGTERM')))).toEqual([0, 0])
  }, 240_000)
})
