import { sql } from 'drizzle-orm'
import { type Orm, selectRows } from './db/database.ts'

/** The embedding models the stored documents were indexed with (more than one mid-switch). */
export async function embeddingModelsInUse(orm: Orm): Promise<string[]> {
  const rows = await selectRows<{ m: string }>(
    orm,
    sql`select distinct embedding_model as m from documents where embedding_model is not null order by 1`,
  )
  return rows.map((r) => r.m)
}
