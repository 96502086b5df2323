import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import type { Database, Orm } from './database.ts'
import { migrationsFolder } from './migrations-folder.ts'
import * as schema from './schema.ts'

/** Opens (and migrates) the embedded database; `dataDir` undefined means in memory. */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { vector } })
  const orm = drizzle({ client, schema })
  await migrate(orm, { migrationsFolder })
  return {
    kind: 'pglite',
    orm: orm as unknown as Orm,
    close: () => client.close(),
  }
}
