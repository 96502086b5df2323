import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import type { Database, Orm } from './database.ts'
import { migrationsFolder } from './migrations-folder.ts'
import * as schema from './schema.ts'

// Any constant works; it only has to be the same in every DocuQuery process.
const MIGRATION_LOCK_KEY = 727_001

export interface PostgresOptions {
  maxConnections?: number
}

/** Opens PostgreSQL (pgvector required) and applies pending migrations under an advisory lock. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  await migrateWithLock(url)
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connection: { application_name: 'docuquery' },
  })
  const orm = drizzle({ client, schema })
  return {
    kind: 'postgres',
    orm: orm as unknown as Orm,
    close: () => client.end({ timeout: 5 }),
  }
}

/** Several web processes may start at once: only one migrates, the others wait for it. */
async function migrateWithLock(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`
    await migrate(drizzle({ client }), { migrationsFolder })
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`
  } finally {
    await client.end({ timeout: 5 })
  }
}
