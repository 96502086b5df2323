import { and, eq, sql } from 'drizzle-orm'
import type { Executor, Orm } from './db/database.ts'
import { workspaces } from './db/schema.ts'
import { type WorkspaceKey, formatWorkspaceKey } from './workspace-key.ts'

export interface WorkspaceRow {
  id: string
  key: string
  chunkCount: number
}

export async function ensureWorkspace(orm: Orm, key: WorkspaceKey): Promise<WorkspaceRow> {
  const existing = await findWorkspace(orm, key)
  if (existing) return existing
  await orm
    .insert(workspaces)
    .values({ platform: key.platform, externalId: key.externalId, name: formatWorkspaceKey(key) })
    .onConflictDoNothing()
  const created = await findWorkspace(orm, key)
  if (!created) throw new Error(`workspace ${formatWorkspaceKey(key)} vanished after insert`)
  return created
}

export async function findWorkspace(orm: Orm, key: WorkspaceKey): Promise<WorkspaceRow | null> {
  const rows = await orm
    .select({ id: workspaces.id, chunkCount: workspaces.chunkCount })
    .from(workspaces)
    .where(and(eq(workspaces.platform, key.platform), eq(workspaces.externalId, key.externalId)))
    .limit(1)
  const row = rows[0]
  return row ? { id: row.id, key: formatWorkspaceKey(key), chunkCount: row.chunkCount } : null
}

export async function addChunkCount(tx: Executor, workspaceId: string, delta: number): Promise<void> {
  if (delta === 0) return
  await tx.execute(
    sql`update ${workspaces} set chunk_count = greatest(0, chunk_count + ${delta}), updated_at = now() where id = ${workspaceId}`,
  )
}

/** Every workspace's key (`local`, `slack:T0123`), for pickers. */
export async function listWorkspaceKeys(orm: Orm): Promise<string[]> {
  const rows = await orm.select({ platform: workspaces.platform, externalId: workspaces.externalId }).from(workspaces)
  return rows.map(formatWorkspaceKey).sort()
}
