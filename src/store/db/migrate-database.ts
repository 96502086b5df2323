import { sql } from 'drizzle-orm'
import { claimDataDir } from './data-dir-lock.ts'
import { selectRows } from './database.ts'
import { type DatabaseSettings, openDatabase } from './open-database.ts'

export interface MigrationOutcome {
  /** Which database, without credentials: `PostgreSQL (DATABASE_URL)` or `PGlite in ./data`. */
  where: string
  /** Migrations recorded as applied once done (drizzle's journal table). */
  applied: number
}

/**
 * Opening a database applies its pending migrations (under an advisory lock on
 * PostgreSQL, so concurrent starts are safe); this opens, counts and closes.
 */
export async function migrateDatabase(settings: DatabaseSettings): Promise<MigrationOutcome> {
  // PGlite admits one process: refuse plainly while the service holds DATA_DIR.
  const release = settings.databaseUrl ? () => {} : claimDataDir(settings.dataDir, { pid: process.pid, kind: 'cli' })
  try {
    const database = await openDatabase(settings)
    try {
      const [row] = await selectRows<{ n: number | string }>(database.orm, sql`select count(*) as n from drizzle.__drizzle_migrations`)
      return { where: settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${settings.dataDir}`, applied: Number(row?.n ?? 0) }
    } finally {
      await database.close()
    }
  } finally {
    release()
  }
}
