import { sql } from 'drizzle-orm'
import { type Orm, selectRows } from './db/database.ts'

/**
 * A fingerprint of a workspace's documents: how many there are and when one
 * last changed (shared, indexed, re-indexed, failed). Any change to what a
 * question could retrieve changes it, so a cached answer keyed on it is
 * never stale; a change elsewhere in the workspace costs a cache miss, not a
 * wrong answer.
 */
export async function workspaceIndexVersion(orm: Orm, workspaceId: string): Promise<string> {
  const [row] = await selectRows<{ n: number | string; last: string | Date | null }>(
    orm,
    sql`select count(*) as n, max(updated_at) as last from documents where workspace_id = ${workspaceId}`,
  )
  const last = row?.last instanceof Date ? row.last.toISOString() : String(row?.last ?? '')
  return `${Number(row?.n ?? 0)}@${last}`
}
