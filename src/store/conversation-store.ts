import { and, desc, eq } from 'drizzle-orm'
import type { ConversationTurn } from '../answer/ask-request.ts'
import type { Orm } from './db/database.ts'
import { conversationTurns } from './db/schema.ts'

export interface ThreadKey {
  workspace: string
  channel: string
  thread: string
}

// Answer models see a few turns; older ones cost tokens and rarely matter.
const KEEP_TURNS = 6
// A turn is context, not an archive: long answers are cut for the next prompt.
const MAX_ANSWER_CHARS = 4000

/** A chat thread's earlier turns, oldest first. */
export async function threadHistory(orm: Orm, key: ThreadKey, limit = KEEP_TURNS): Promise<ConversationTurn[]> {
  const rows = await orm
    .select({ question: conversationTurns.question, answer: conversationTurns.answer })
    .from(conversationTurns)
    .where(and(eq(conversationTurns.workspace, key.workspace), eq(conversationTurns.channel, key.channel), eq(conversationTurns.thread, key.thread)))
    .orderBy(desc(conversationTurns.createdAt), desc(conversationTurns.id))
    .limit(limit)
  return rows.reverse()
}

export async function recordTurn(orm: Orm, key: ThreadKey, turn: ConversationTurn): Promise<void> {
  await orm.insert(conversationTurns).values({ ...key, question: turn.question, answer: turn.answer.slice(0, MAX_ANSWER_CHARS) })
}
