import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import type { Database } from '../../src/store/db/database.ts'
import { openPglite } from '../../src/store/db/open-pglite.ts'
import { openPostgres } from '../../src/store/db/open-postgres.ts'

export interface TestDatabase {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated, empty database; `drop()` removes it. */
  create(): Promise<{ database: Database; drop: () => Promise<void> }>
}

/**
 * Every integration test runs on PGlite, and also on PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Each test file gets its own database.
 */
export function testDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'pglite',
      async create() {
        const database = await openPglite()
        return { database, drop: () => database.close() }
      },
    },
  ]
  const url = env.TEST_DATABASE_URL
  if (url) list.push({ name: 'postgres', create: () => createPostgresDatabase(url) })
  return list
}

async function createPostgresDatabase(adminUrl: string) {
  const name = `dq_test_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openPostgres(url.toString(), { maxConnections: 4 })
  return {
    database,
    drop: async () => {
      await database.close()
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end({ timeout: 5 })
    },
  }
}
