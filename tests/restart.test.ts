import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openPglite } from '../src/store/db/open-pglite.ts'
import { repoRoot } from './helpers/corpus.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from './helpers/test-runtime.ts'
import type { Database } from '../src/store/db/database.ts'

// The big book keeps the single worker busy, so the kill lands mid-ingest.
const files = [
  'pdf/freeculture-lessig-2.6MB.pdf',
  'pdf/sample-contract.pdf',
  'text/markdown/18f-handbook-security.md',
  'docx/headings-hierarchy.docx',
]

/** Runs the child until it has accepted every file, then kills it with SIGKILL. */
async function ingestThenKill(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/fixtures/ingest-and-hang.ts'), ...files], {
    cwd: repoRoot,
    env: { ...process.env, INGEST_CONCURRENCY: '1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('SUBMITTED')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)))
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

interface Target {
  name: string
  prepare(): Promise<{ env: Record<string, string>; reopen: () => Promise<Database>; drop: () => Promise<void> }>
}

const targets: Target[] = testDatabases().map((db) =>
  db.name === 'pglite'
    ? {
        name: 'pglite',
        async prepare() {
          const dataDir = mkdtempSync(join(tmpdir(), 'dq-restart-'))
          return { env: { DATA_DIR: dataDir }, reopen: () => openPglite(join(dataDir, 'pglite')), drop: async () => {} }
        },
      }
    : {
        name: 'postgres',
        async prepare() {
          const created = await db.create()
          const url = await databaseUrlOf(created.database)
          await created.database.close()
          const { openPostgres } = await import('../src/store/db/open-postgres.ts')
          return { env: { DATABASE_URL: url }, reopen: () => openPostgres(url), drop: created.drop }
        },
      },
)

async function databaseUrlOf(database: Database): Promise<string> {
  const { sql } = await import('drizzle-orm')
  const { selectRows } = await import('../src/store/db/database.ts')
  const [row] = await selectRows<{ name: string }>(database.orm, sql`select current_database() as name`)
  const url = new URL(process.env.TEST_DATABASE_URL ?? '')
  url.pathname = `/${row?.name ?? ''}`
  return url.toString()
}

describe.each(targets)('a process killed mid-ingest loses nothing ($name)', (target) => {
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('finishes every accepted document at the next start', { timeout: 240_000 }, async () => {
    const { env, reopen, drop } = await target.prepare()
    cleanups.push(drop)
    await ingestThenKill(env)

    const database = await reopen()
    cleanups.push(() => database.close())
    // The 2.6 MB book is about losing nothing, not about speed: on a busy CI
    // machine its parse may need more than the usual test limit.
    const runtime = await buildTestRuntime(database, { PARSE_TIMEOUT_MS: '120000' })
    cleanups.push(() => runtime.close())

    const before = await runtime.core.listDocuments({ workspace: 'local' })
    expect(before).toHaveLength(files.length)
    expect(before.some((d) => d.status === 'pending' || d.status === 'processing')).toBe(true)

    expect(await runtime.core.recover()).toBeGreaterThan(0)
    await waitForIndexing(runtime)
    const after = await runtime.core.listDocuments({ workspace: 'local' })
    expect(after.map((d) => [d.source, d.status, d.error?.code ?? null]).sort()).toEqual(files.map((f) => [f, 'indexed', null]).sort())
    const answer = await runtime.core.ask({
      question: 'How long must the consultant keep records available for audit after final payment?',
      workspace: 'local',
      channel: null,
    })
    expect(answer.citations[0]?.source).toBe('pdf/sample-contract.pdf')
  })
})
