import { sql } from 'drizzle-orm'
import { type Orm, selectRows } from '../src/store/db/database.ts'

/** How the chunks table was read: the fingerprint of the plans the retriever got. */
export interface ChunkScans {
  /** The partial HNSW index of the local embedder (migrations/0001). */
  hnsw: number
  /** The GIN full-text index. */
  gin: number
  /** The (workspace, visibility) btree: a scope-wide scan, then a sort. */
  scope: number
  seq: number
  pkey: number
}

const indexNames: Record<string, keyof ChunkScans> = {
  chunks_embedding_local_hash_v1_hnsw: 'hnsw',
  chunks_tsv_idx: 'gin',
  chunks_scope_idx: 'scope',
  chunks_pkey: 'pkey',
}

/** Cumulative scan counters of the chunks table and its indexes. */
export async function chunkScans(orm: Orm): Promise<ChunkScans> {
  const rows = await selectRows<{ name: string; n: number | string | null }>(
    orm,
    sql`select indexrelname as name, idx_scan as n from pg_stat_user_indexes where relname = 'chunks'
        union all select '(seq)', seq_scan from pg_stat_user_tables where relname = 'chunks'`,
  )
  const scans: ChunkScans = { hnsw: 0, gin: 0, scope: 0, seq: 0, pkey: 0 }
  for (const row of rows) {
    const key = row.name === '(seq)' ? 'seq' : indexNames[row.name]
    if (key) scans[key] += Number(row.n ?? 0)
  }
  return scans
}

/**
 * Backends publish their statistics when idle, up to about ten seconds late,
 * so this polls until at least `expected` scans have shown up or the wait is over.
 */
export async function chunkScansSince(orm: Orm, before: ChunkScans, expected: number, maxWaitMs = 12_000): Promise<ChunkScans> {
  const until = performance.now() + maxWaitMs
  for (;;) {
    const now = await chunkScans(orm)
    const delta: ChunkScans = {
      hnsw: now.hnsw - before.hnsw,
      gin: now.gin - before.gin,
      scope: now.scope - before.scope,
      seq: now.seq - before.seq,
      pkey: now.pkey - before.pkey,
    }
    const total = delta.hnsw + delta.gin + delta.scope + delta.seq + delta.pkey
    if (total >= expected || performance.now() > until) return delta
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** Rows the planner believes the chunks table has (-1: never analysed). */
export async function plannerChunkEstimate(orm: Orm): Promise<number> {
  const rows = await selectRows<{ n: number | string }>(orm, sql`select reltuples as n from pg_class where relname = 'chunks'`)
  return Number(rows[0]?.n ?? -1)
}
