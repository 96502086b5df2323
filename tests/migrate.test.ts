import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { selectRows } from '../src/store/db/database.ts'
import { migrationsFolder } from '../src/store/db/migrations-folder.ts'
import { claimDataDir } from '../src/store/db/data-dir-lock.ts'
import { repoRoot } from './helpers/corpus.ts'
import { testDatabases } from './helpers/test-databases.ts'

const migrations = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length

/** `npm run migrate` as a deploy's release step runs it: a process that migrates and exits. */
function migrate(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/migrate.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('npm run migrate', () => {
  it('migrates the embedded database and exits; a second run has nothing to do', { timeout: 240_000 }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dq-migrate-'))
    const first = migrate({ DATA_DIR: dataDir })
    expect(first).toMatchObject({ code: 0, stdout: `docuquery: PGlite in ${dataDir} is up to date (${migrations} migrations applied in all)\n` })
    expect(migrate({ DATA_DIR: dataDir }).code).toBe(0)
  })

  it('refuses, in one line, while the service holds the embedded database', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dq-migrate-'))
    const release = claimDataDir(dataDir, { pid: process.pid, kind: 'service' })
    try {
      const run = migrate({ DATA_DIR: dataDir })
      expect(run.code).toBe(1)
      expect(run.stderr).toBe(`docuquery: migration failed: ${dataDir} is in use by the DocuQuery service (pid ${process.pid}); the embedded database admits one process at a time.\n`)
    } finally {
      release()
    }
  })

  it('says why it failed, without the URL, when PostgreSQL cannot be reached', () => {
    const run = migrate({ DATABASE_URL: 'postgres://docuquery:secret@127.0.0.1:1/nothing' })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^docuquery: migration failed: .*ECONNREFUSED/)
    expect(run.stderr).not.toContain('secret')
  })

  const postgres = testDatabases().find((db) => db.name === 'postgres')
  it.skipIf(!postgres)(`migrates PostgreSQL (DATABASE_URL)${postgres ? '' : ' (skipped: TEST_DATABASE_URL is not set)'}`, async () => {
    if (!postgres) return
    const created = await postgres.create()
    try {
      const [row] = await selectRows<{ name: string }>(created.database.orm, sql`select current_database() as name`)
      const url = new URL(process.env.TEST_DATABASE_URL ?? '')
      url.pathname = `/${row?.name ?? ''}`
      expect(migrate({ DATABASE_URL: url.toString() })).toMatchObject({ code: 0, stdout: `docuquery: PostgreSQL (DATABASE_URL) is up to date (${migrations} migrations applied in all)\n` })
    } finally {
      await created.drop()
    }
  })
})
