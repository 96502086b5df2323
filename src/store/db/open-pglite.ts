import type { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import type { Database, Orm } from './database.ts'
import { startPgliteThread } from './pglite-worker/pglite-thread.ts'
import * as schema from './schema.ts'

/**
 * Opens (and migrates) the embedded database; `dataDir` undefined means in memory.
 * PGlite runs in a worker thread (see pglite-thread.ts); drizzle's own pglite
 * driver talks to it through a client with PGlite's query/transaction shape.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  const thread = await startPgliteThread(dataDir ?? null)
  // The thread implements the two methods the driver calls (query, transaction), not all of PGlite.
  const orm = drizzle({ client: thread as unknown as PGlite, schema })
  return {
    kind: 'pglite',
    orm: orm as unknown as Orm,
    close: () => thread.close(),
  }
}
