import { type SQL, sql } from 'drizzle-orm'
import { type Orm, selectRows } from '../db/database.ts'
import { formatWorkspaceKey } from '../store/workspace-key.ts'

export interface QuestionLogFilter {
  /** Only questions the relevance gate declined: what the documents do not cover. */
  declined?: boolean
  /** Only answers someone marked not helpful. */
  notHelpful?: boolean
  /** Workspace key (`local`, `slack:T0123`). */
  workspace?: string
  /** Words in the question. */
  search?: string
  limit?: number
  offset?: number
}

export interface LoggedQuestion {
  id: string
  askedAt: string
  workspace: string
  channel: string | null
  asker: string | null
  question: string
  answer: string
  grounded: boolean
  /** The passages the answer cited; a source reindexed or forgotten since is gone from here. */
  sources: Array<{ documentId: string; title: string; page: number | null }>
  latencyMs: number
  provider: string
  cacheHit: boolean
  tokensIn: number | null
  tokensOut: number | null
  feedback: 'helpful' | 'not_helpful' | null
}

export const MAX_LOG_PAGE = 200

/** The questions asked, newest first, with what was answered and from which documents. */
export async function questionLog(orm: Orm, filter: QuestionLogFilter = {}): Promise<LoggedQuestion[]> {
  const conditions: SQL[] = [sql`true`]
  if (filter.declined) conditions.push(sql`not q.grounded`)
  if (filter.notHelpful) conditions.push(sql`q.feedback = 'not_helpful'`)
  if (filter.search?.trim()) conditions.push(sql`q.question ilike ${`%${escapeLike(filter.search.trim())}%`}`)
  if (filter.workspace?.trim()) {
    const key = filter.workspace.trim()
    conditions.push(sql`(case when w.platform = 'local' then w.external_id else w.platform || ':' || w.external_id end) = ${key}`)
  }
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), MAX_LOG_PAGE)
  const rows = await selectRows<Record<string, unknown>>(
    orm,
    sql`select q.id, q.created_at, w.platform, w.external_id, q.channel_id, q.asker, q.question, q.answer, q.grounded,
          q.cited_chunk_ids, q.latency_ms, q.provider, q.cache_hit, q.tokens_in, q.tokens_out, q.feedback
        from queries q join workspaces w on w.id = q.workspace_id
        where ${sql.join(conditions, sql` and `)}
        order by q.created_at desc, q.id
        limit ${limit} offset ${Math.max(filter.offset ?? 0, 0)}`,
  )
  const chunkIds = [...new Set(rows.flatMap((row) => citedIds(row.cited_chunk_ids)))]
  const sources = new Map<number, { documentId: string; title: string; page: number | null }>()
  if (chunkIds.length > 0) {
    const found = await selectRows<{ id: string | number; document_id: string; title: string; page: number | null }>(
      orm,
      sql`select c.id, c.document_id, d.title, c.page from chunks c join documents d on d.id = c.document_id
          where c.id in (${sql.join(chunkIds.map((id) => sql`${id}`), sql`, `)})`,
    )
    for (const row of found) sources.set(Number(row.id), { documentId: String(row.document_id), title: row.title, page: row.page })
  }
  return rows.map((row) => ({
    id: String(row.id),
    askedAt: new Date(row.created_at as string | Date).toISOString(),
    workspace: formatWorkspaceKey({ platform: String(row.platform), externalId: String(row.external_id) }),
    channel: (row.channel_id as string | null) ?? null,
    asker: (row.asker as string | null) ?? null,
    question: String(row.question),
    answer: String(row.answer),
    grounded: Boolean(row.grounded),
    sources: citedIds(row.cited_chunk_ids).flatMap((id) => {
      const source = sources.get(id)
      return source ? [source] : []
    }),
    latencyMs: Number(row.latency_ms),
    provider: String(row.provider),
    cacheHit: Boolean(row.cache_hit),
    tokensIn: row.tokens_in === null ? null : Number(row.tokens_in),
    tokensOut: row.tokens_out === null ? null : Number(row.tokens_out),
    feedback: row.feedback === 'helpful' || row.feedback === 'not_helpful' ? row.feedback : null,
  }))
}

// jsonb arrives parsed from both drivers; a string is tolerated (a driver configured without jsonb parsing).
function citedIds(value: unknown): number[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value
  return Array.isArray(list) ? list.map(Number).filter(Number.isSafeInteger) : []
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)
