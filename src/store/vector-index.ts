import { sql } from 'drizzle-orm'
import type { Database } from './db/database.ts'
import type { Embedder } from '../models/embed/embedder.ts'

/** pgvector's HNSW indexes `vector` columns of at most 2,000 dimensions. */
export const MAX_HNSW_DIMENSIONS = 2000

/** Not indexed: why, or null when the model needs no index (it only rescores keyword candidates). */
export type VectorIndexOutcome = { indexed: true; name: string } | { indexed: false; reason: string | null }

/**
 * The embedding column has no fixed size, so that the model can change;
 * each model gets its own partial HNSW expression index, created at start-up
 * for the configured model, so switching models needs no hand-written SQL.
 * The local hashing model has none (migration 0005 drops the one 0001 made).
 */
export async function ensureVectorIndex(database: Database, embedder: Embedder): Promise<VectorIndexOutcome> {
  if (embedder.rescoresOnly) return { indexed: false, reason: null }
  const dimensions = Math.trunc(embedder.dimensions)
  if (dimensions > MAX_HNSW_DIMENSIONS) {
    return {
      indexed: false,
      reason: `${embedder.model} has ${dimensions} dimensions and pgvector's HNSW index takes at most ${MAX_HNSW_DIMENSIONS}; questions scan vectors exactly (slower on large indexes). Set EMBEDDINGS_DIMENSIONS to ${MAX_HNSW_DIMENSIONS} or less if the model can shorten its vectors.`,
    }
  }
  const name = vectorIndexName(embedder.model)
  const model = embedder.model.replace(/'/g, "''")
  const statement = sql.raw(
    `create index if not exists "${name}" on chunks using hnsw ((embedding::vector(${dimensions})) vector_cosine_ops) where embedding_model = '${model}'`,
  )
  await database.orm.transaction(async (tx) => {
    // Several processes may start together; IF NOT EXISTS alone races on the catalog.
    if (database.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(hashtext('docuquery:vector-index'))`)
    await tx.execute(statement)
  })
  return { indexed: true, name }
}

export function vectorIndexName(model: string): string {
  const slug = model.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40)
  return `chunks_embedding_${slug}_hnsw`
}
