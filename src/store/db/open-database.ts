import { join } from 'node:path'
import type { Database } from './database.ts'
import { openPglite } from './open-pglite.ts'
import { openPostgres } from './open-postgres.ts'

export interface DatabaseSettings {
  databaseUrl?: string | undefined
  dataDir: string
}

/** `DATABASE_URL` selects PostgreSQL; otherwise the embedded PGlite in `DATA_DIR`. */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.databaseUrl) return openPostgres(settings.databaseUrl)
  return openPglite(join(settings.dataDir, 'pglite'))
}
