import { randomUUID } from 'node:crypto'
import { and, desc, eq, gte, sql } from 'drizzle-orm'
import type { Orm } from './db/database.ts'
import { type FeedbackReason, type FeedbackValue, type QuerySource, queries, workspaces } from './db/schema.ts'
import { formatWorkspaceKey } from './workspace-key.ts'

/** One answered question as the log keeps it. */
export interface QueryRecord {
  workspaceId: string
  channel: string | null
  asker: string | null
  question: string
  answer: string
  grounded: boolean
  sources: QuerySource[]
  citedChunkIds: number[]
  latencyMs: number
  cacheHit: boolean
  provider: string
  model: string | null
  promptVersion: string | null
  tokensIn: number | null
  tokensOut: number | null
}

export interface FeedbackMark {
  queryId: string
  /** The workspace the click came from: a click never marks another workspace's question. */
  workspaceId: string
  value: FeedbackValue
  by: string
  reason?: FeedbackReason | null
  note?: string | null
}

/** A question someone marked, with what it answered and cited. */
export interface FeedbackItem {
  queryId: string
  workspace: string
  channel: string | null
  asker: string | null
  question: string
  answer: string
  grounded: boolean
  sources: QuerySource[]
  feedback: FeedbackValue
  reason: FeedbackReason | null
  note: string | null
  by: string | null
  at: string
  askedAt: string
}

/** A question as a person's history or a coverage-gap list shows it. */
export interface AskedQuestion {
  queryId: string
  channel: string | null
  asker: string | null
  question: string
  grounded: boolean
  feedback: FeedbackValue | null
  askedAt: string
}

export interface FeedbackCounts {
  helpful: number
  notHelpful: number
}

// A reason's words are for people reading the feedback list, not an essay.
const MAX_NOTE_CHARS = 2000

/**
 * The log of answered questions: what was asked, answered and cited, and what
 * the asker thought of it. The answer path writes; stats, the feedback list and
 * the admin console read.
 */
export function createQueryLog(orm: Orm) {
  return {
    /** Stores one answered question; the id is what feedback buttons carry. */
    async record(entry: QueryRecord): Promise<string> {
      const id = randomUUID()
      await orm.insert(queries).values({
        id,
        workspaceId: entry.workspaceId,
        channelId: entry.channel,
        asker: entry.asker,
        question: entry.question,
        answer: entry.answer,
        grounded: entry.grounded,
        sources: entry.sources,
        citedChunkIds: entry.citedChunkIds,
        latencyMs: entry.latencyMs,
        cacheHit: entry.cacheHit,
        provider: entry.provider,
        model: entry.model,
        promptVersion: entry.promptVersion,
        tokensIn: entry.tokensIn,
        tokensOut: entry.tokensOut,
      })
      return id
    },

    /** Marks a question helpful or not; the latest click wins. False when no such question is in that workspace. */
    async mark(mark: FeedbackMark): Promise<boolean> {
      const helpful = mark.value === 'helpful'
      const rows = await orm
        .update(queries)
        .set({
          feedback: mark.value,
          feedbackBy: mark.by,
          feedbackAt: new Date(),
          // A 👍 after a 👎 clears the reason given for the 👎.
          feedbackReason: helpful ? null : (mark.reason ?? null),
          feedbackNote: helpful ? null : (mark.note?.slice(0, MAX_NOTE_CHARS) ?? null),
        })
        .where(and(eq(queries.id, mark.queryId), eq(queries.workspaceId, mark.workspaceId)))
        .returning({ id: queries.id })
      return rows.length > 0
    },

    /** 👍/👎 counts, over every workspace or of one. */
    async feedbackCounts(workspaceId?: string): Promise<FeedbackCounts> {
      const [row] = await orm
        .select({
          helpful: sql<number>`count(*) filter (where ${queries.feedback} = 'helpful')`,
          notHelpful: sql<number>`count(*) filter (where ${queries.feedback} = 'not_helpful')`,
        })
        .from(queries)
        .where(workspaceId ? eq(queries.workspaceId, workspaceId) : undefined)
      return { helpful: Number(row?.helpful ?? 0), notHelpful: Number(row?.notHelpful ?? 0) }
    },

    /** Questions marked with `value` since `since`, newest mark first. */
    async marked(filter: { value: FeedbackValue; since: Date; workspaceId?: string; limit?: number }): Promise<FeedbackItem[]> {
      const conditions = [eq(queries.feedback, filter.value), gte(queries.feedbackAt, filter.since)]
      if (filter.workspaceId) conditions.push(eq(queries.workspaceId, filter.workspaceId))
      const rows = await orm
        .select({ query: queries, platform: workspaces.platform, externalId: workspaces.externalId })
        .from(queries)
        .innerJoin(workspaces, eq(workspaces.id, queries.workspaceId))
        .where(and(...conditions))
        .orderBy(desc(queries.feedbackAt))
        .limit(filter.limit ?? 500)
      return rows.map(({ query, platform, externalId }) => ({
        queryId: query.id,
        workspace: formatWorkspaceKey({ platform, externalId }),
        channel: query.channelId,
        asker: query.asker,
        question: query.question,
        answer: query.answer,
        grounded: query.grounded,
        sources: query.sources,
        feedback: filter.value,
        reason: query.feedbackReason ?? null,
        note: query.feedbackNote,
        by: query.feedbackBy,
        at: (query.feedbackAt ?? query.createdAt).toISOString(),
        askedAt: query.createdAt.toISOString(),
      }))
    },
  }
}

export type QueryLog = ReturnType<typeof createQueryLog>
