import { eq, sql } from 'drizzle-orm'
import { type Executor, type Orm, selectRows } from './db/database.ts'
import { LEXICAL_DIMENSIONS, chunks, documents } from './db/schema.ts'
import { type IngestProfiler, timed } from '../ingest/ingest-profile.ts'
import { addChunkCount } from './workspace-store.ts'

export interface ChunkRow {
  ordinal: number
  text: string
  page: number | null
  headingPath: string | null
  charStart: number
  charEnd: number
  tokenCount: number
  contentHash: string
  embedding: number[]
  lexical: string
  /** Term ids present in this chunk (for document frequencies). */
  termIds: number[]
}

export interface IndexedInfo {
  pages: number | null
  embeddingModel: string
}

/**
 * Swaps a document's chunks in one transaction, keeping the per-workspace
 * document frequencies and chunk count in step: a question sees either the old
 * version or the new one, never half of each. The same few statements whatever
 * the number of chunks: the rows go in as one JSON parameter, one INSERT
 * instead of one per hundred rows with fourteen parameters a row (measured
 * in `npm run bench -- --only peer`).
 */
export async function replaceChunks(
  orm: Orm,
  documentId: string,
  rows: ChunkRow[],
  info: IndexedInfo,
  profiler?: IngestProfiler,
): Promise<void> {
  // Built before the transaction opens, so no row lock waits on it.
  const payload = chunkPayload(rows)
  const delta = new Map<number, number>()
  for (const row of rows) for (const id of row.termIds) delta.set(id, (delta.get(id) ?? 0) + 1)
  await orm.transaction(async (tx) => {
    const [doc] = await timed(profiler, 'status', () =>
      tx
        .select({ workspaceId: documents.workspaceId, visibility: documents.visibility })
        .from(documents)
        .where(eq(documents.id, documentId))
        .for('update'),
    )
    if (!doc) return
    const oldCount = await timed(profiler, 'insert', () => removeChunks(tx, documentId, delta))
    if (rows.length > 0) {
      await timed(profiler, 'insert', () =>
        tx.execute(sql`
          insert into chunks (document_id, workspace_id, visibility, ordinal, text, page, heading_path, char_start, char_end,
                              token_count, content_hash, embedding, embedding_model, lexical)
          select ${documentId}::uuid, ${doc.workspaceId}::uuid, ${doc.visibility}, r.ordinal, r.text, r.page, r.heading_path,
                 r.char_start, r.char_end, r.token_count, r.content_hash, r.embedding::vector, ${info.embeddingModel},
                 r.lexical::sparsevec(${sql.raw(String(LEXICAL_DIMENSIONS))})
          from json_to_recordset(${payload}::json) as r(ordinal int, text text, page int, heading_path text, char_start int,
                                                        char_end int, token_count int, content_hash text, embedding text, lexical text)
          order by r.ordinal`),
      )
    }
    await timed(profiler, 'term_stats', () => applyTermDelta(tx, doc.workspaceId, delta))
    await timed(profiler, 'status', async () => {
      await addChunkCount(tx, doc.workspaceId, rows.length - oldCount)
      await tx
        .update(documents)
        .set({
          status: 'indexed',
          errorCode: null,
          errorMessage: null,
          chunkCount: rows.length,
          pages: info.pages,
          embeddingModel: info.embeddingModel,
          indexedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(documents.id, documentId))
    })
  })
}

/** The rows as JSON for json_to_recordset; vectors in pgvector's text form. */
function chunkPayload(rows: readonly ChunkRow[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      ordinal: row.ordinal,
      text: row.text,
      page: row.page,
      heading_path: row.headingPath,
      char_start: row.charStart,
      char_end: row.charEnd,
      token_count: row.tokenCount,
      content_hash: row.contentHash,
      embedding: `[${row.embedding.join(',')}]`,
      lexical: row.lexical,
    })),
  )
}

/** Deletes a document and everything derived from it. */
export async function deleteDocument(orm: Orm, documentId: string): Promise<boolean> {
  return await orm.transaction(async (tx) => {
    const [doc] = await tx
      .select({ workspaceId: documents.workspaceId })
      .from(documents)
      .where(eq(documents.id, documentId))
      .for('update')
    if (!doc) return false
    const delta = new Map<number, number>()
    const oldCount = await removeChunks(tx, documentId, delta)
    await applyTermDelta(tx, doc.workspaceId, delta)
    await addChunkCount(tx, doc.workspaceId, -oldCount)
    await tx.delete(documents).where(eq(documents.id, documentId))
    return true
  })
}

/** Deletes the chunks, subtracting their terms from `delta`; returns how many there were. */
async function removeChunks(tx: Executor & Pick<Orm, 'delete'>, documentId: string, delta: Map<number, number>): Promise<number> {
  const old = await selectRows<{ lexical: string }>(
    tx,
    sql`select lexical::text as lexical from ${chunks} where document_id = ${documentId}`,
  )
  for (const row of old) for (const id of sparseIds(row.lexical)) delta.set(id, (delta.get(id) ?? 0) - 1)
  if (old.length > 0) await tx.delete(chunks).where(eq(chunks.documentId, documentId))
  return old.length
}

/** Term ids (0-based) of a sparsevec literal `{i:v,...}/dims`. */
export function sparseIds(literal: string): number[] {
  const body = literal.slice(literal.indexOf('{') + 1, literal.indexOf('}'))
  if (!body) return []
  return body.split(',').map((entry) => Number(entry.slice(0, entry.indexOf(':'))) - 1)
}

/**
 * One upsert per document. Keys are sorted so that concurrent workers lock
 * rows in the same order and cannot deadlock each other.
 */
async function applyTermDelta(tx: Executor, workspaceId: string, delta: Map<number, number>): Promise<void> {
  const entries = [...delta.entries()].filter(([, d]) => d !== 0).sort((a, b) => a[0] - b[0])
  if (entries.length === 0) return
  const terms = `{${entries.map(([t]) => t).join(',')}}`
  const counts = `{${entries.map(([, d]) => d).join(',')}}`
  await tx.execute(sql`
    insert into term_stats (workspace_id, term, df)
    select ${workspaceId}::uuid, t.term, t.df
    from unnest(${terms}::int[], ${counts}::int[]) as t(term, df)
    on conflict (workspace_id, term) do update set df = term_stats.df + excluded.df`)
}
