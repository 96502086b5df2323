import { type SQL, sql } from 'drizzle-orm'
import { type Orm, selectRows } from './db/database.ts'
import type { FeedbackReason, FeedbackValue, QuerySource } from './db/schema.ts'
import { formatWorkspaceKey } from './workspace-key.ts'

export interface QuestionLogFilter {
  /** Only questions the relevance gate declined: what the documents do not cover. */
  declined?: boolean
  /** Only answers someone marked not helpful. */
  notHelpful?: boolean
  /** Workspace key (`local`, `slack:T0123`). */
  workspace?: string
  /** Or the workspace's id, when the caller has found it already. */
  workspaceId?: string
  /** Only this person's questions. */
  asker?: string
  /** Only questions asked since then. */
  since?: Date
  /** Words in the question. */
  search?: string
  limit?: number
  offset?: number
}

/** One question as the admin console lists it: what was asked, answered and cited, how, and how it was judged. */
export interface LoggedQuestion {
  id: string
  askedAt: string
  workspace: string
  channel: string | null
  asker: string | null
  question: string
  answer: string
  grounded: boolean
  /** What the answer cited, as it was shown. */
  sources: QuerySource[]
  latencyMs: number
  provider: string
  cacheHit: boolean
  tokensIn: number | null
  tokensOut: number | null
  feedback: FeedbackValue | null
  feedbackReason: FeedbackReason | null
  feedbackNote: string | null
}

export const MAX_QUESTIONS_PAGE = 200

/** The questions asked, newest first, with the filters admins act on. SQL shared by PGlite and PostgreSQL. */
export async function listQuestions(orm: Orm, filter: QuestionLogFilter = {}): Promise<LoggedQuestion[]> {
  const conditions: SQL[] = [sql`true`]
  if (filter.declined) conditions.push(sql`not q.grounded`)
  if (filter.notHelpful) conditions.push(sql`q.feedback = 'not_helpful'`)
  if (filter.workspaceId) conditions.push(sql`q.workspace_id = ${filter.workspaceId}`)
  if (filter.asker !== undefined) conditions.push(sql`q.asker = ${filter.asker}`)
  if (filter.since) conditions.push(sql`q.created_at >= ${filter.since.toISOString()}`)
  if (filter.search?.trim()) conditions.push(sql`q.question ilike ${`%${escapeLike(filter.search.trim())}%`}`)
  if (filter.workspace?.trim()) {
    conditions.push(sql`(case when w.platform = 'local' then w.external_id else w.platform || ':' || w.external_id end) = ${filter.workspace.trim()}`)
  }
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), MAX_QUESTIONS_PAGE)
  const rows = await selectRows<Record<string, unknown>>(
    orm,
    sql`select q.id, q.created_at, w.platform, w.external_id, q.channel_id, q.asker, q.question, q.answer, q.grounded, q.sources,
          q.latency_ms, q.provider, q.cache_hit, q.tokens_in, q.tokens_out, q.feedback, q.feedback_reason, q.feedback_note
        from queries q join workspaces w on w.id = q.workspace_id
        where ${sql.join(conditions, sql` and `)}
        order by q.created_at desc, q.id
        limit ${limit} offset ${Math.max(filter.offset ?? 0, 0)}`,
  )
  return rows.map((row) => ({
    id: String(row.id),
    askedAt: new Date(row.created_at as string | Date).toISOString(),
    workspace: formatWorkspaceKey({ platform: String(row.platform), externalId: String(row.external_id) }),
    channel: (row.channel_id as string | null) ?? null,
    asker: (row.asker as string | null) ?? null,
    question: String(row.question),
    answer: String(row.answer),
    grounded: Boolean(row.grounded),
    sources: jsonList<QuerySource>(row.sources),
    latencyMs: Number(row.latency_ms),
    provider: String(row.provider),
    cacheHit: Boolean(row.cache_hit),
    tokensIn: row.tokens_in === null ? null : Number(row.tokens_in),
    tokensOut: row.tokens_out === null ? null : Number(row.tokens_out),
    feedback: (row.feedback as FeedbackValue | null) ?? null,
    feedbackReason: (row.feedback_reason as FeedbackReason | null) ?? null,
    feedbackNote: (row.feedback_note as string | null) ?? null,
  }))
}

// jsonb arrives parsed from both drivers; a string is tolerated (a driver configured without jsonb parsing).
function jsonList<T>(value: unknown): T[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value
  return Array.isArray(list) ? (list as T[]) : []
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)
