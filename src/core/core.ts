import type { AnswerResult } from '../answer/answer-result.ts'
import type { AskOptions, AskRequest, ConversationTurn } from '../answer/ask-request.ts'
import type { IngestReceipt, IngestRequest } from '../ingest/ingest-request.ts'
import type { JobView } from '../ingest/reindex-jobs.ts'
import type { Stats } from '../store/collect-stats.ts'
import type { ThreadKey } from '../store/conversation-store.ts'
import type { DocumentStatus, FeedbackReason } from '../store/db/schema.ts'
import type { DocumentView } from '../store/document-view.ts'
import type { AskedQuestion, FeedbackCounts, FeedbackItem } from '../store/query-log.ts'
import type { LoggedQuestion, QuestionLogFilter } from '../store/asked-questions.ts'
import type { ActivityDay } from '../store/daily-activity.ts'
import type { DocumentsWait, WaitForDocumentsOptions } from './wait-for-documents.ts'

export interface DocumentListFilter {
  /** Only this workspace (`slack:T0123`, `local`…). */
  workspace?: string
  /** With `workspace`: only what a question from this channel may see (null: a public place). */
  channel?: string | null
  /** Only the parts of this e-mail. */
  parentId?: string
  status?: DocumentStatus
  /** Words in the title or the source. */
  search?: string
  limit?: number
}

export interface FeedbackInput {
  /** `queryId` of the AnswerResult being marked. */
  queryId: string
  /** The workspace the click came from: only its own questions can be marked. */
  workspace: string
  helpful: boolean
  /** Platform user id of who clicked. */
  by: string
  reason?: FeedbackReason | null
  note?: string | null
}

export interface RecentQuestionsFilter {
  /** Workspace key, e.g. `slack:T0123`. */
  workspace: string
  /** Only this person's questions. */
  asker?: string
  /** Only the questions declined as not in the documents (coverage gaps). */
  declined?: boolean
  since?: Date
  /** At most 100; 10 by default. */
  limit?: number
}

export interface FeedbackFilter {
  since: Date
  /** true: the helpful ones; default: the not helpful ones. */
  helpful?: boolean
  workspace?: string
  limit?: number
}

/**
 * What every adapter may ask of DocuQuery. Built once by the composition root
 * (`createCore`); adapters receive it and reach nothing else of `src/`.
 * Every failure is an AppError with a code (see `errorCodes`).
 */
export interface Core {
  // Documents in
  /** Accepts a document (stored at once, `pending`) and queues it for indexing. */
  ingest(request: IngestRequest): Promise<IngestReceipt>
  /**
   * Resolves once the documents are indexed or failed (with `parts`, their
   * e-mail parts too), or after `timeoutMs` / on `signal` with `settled: false`.
   * A document deleted meanwhile rejects with not_found.
   */
  waitForDocuments(ids: readonly string[], options: WaitForDocumentsOptions): Promise<DocumentsWait>
  /** Starts a reindex of one document or of all; the job reports progress. */
  reindex(documentId?: string): Promise<JobView>
  job(id: string): Promise<JobView>
  /** Removes a document, its parts and its passages; not_found if there is none. */
  forget(id: string): Promise<void>

  // Documents out
  getDocument(id: string): Promise<DocumentView>
  listDocuments(filter?: DocumentListFilter): Promise<DocumentView[]>

  // Questions
  /** Answers from the documents the request's scope may see, with citations; declines when none answers. */
  ask(request: AskRequest, options?: AskOptions): Promise<AnswerResult>
  /** Earlier turns of a chat thread, oldest first: pass them as `history` to ask. */
  threadHistory(key: ThreadKey): Promise<ConversationTurn[]>
  rememberTurn(key: ThreadKey, turn: ConversationTurn): Promise<void>

  // Feedback
  /** Stores a 👍 or 👎 on an answer; the latest click wins. not_found for another workspace's question. */
  recordFeedback(input: FeedbackInput): Promise<void>
  /** Marked answers since `filter.since`, newest first. */
  feedback(filter: FeedbackFilter): Promise<FeedbackItem[]>
  /** 👍/👎 counts over every workspace, or of one (`slack:T…`). */
  feedbackCounts(workspace?: string): Promise<FeedbackCounts>
  /** A workspace's recent questions, newest first: one asker's, or those declined lately. */
  recentQuestions(filter: RecentQuestionsFilter): Promise<AskedQuestion[]>

  // Platform events
  /** True the first time a platform event (platform, id) is seen: chat adapters answer each event once. */
  claimEvent(platform: string, eventId: string): Promise<boolean>
  /** Drops event claims older than `ageMs` (a week by default). */
  pruneEvents(ageMs?: number): Promise<number>

  // Operations
  stats(): Promise<Stats>
  /** Questions, answers, latency, tokens, providers and feedback per UTC day: the last `days` (default 14), oldest first. */
  activity(days?: number): Promise<ActivityDay[]>
  /** The questions asked, newest first; `declined` ones show what the documents do not cover. */
  questions(filter?: QuestionLogFilter): Promise<LoggedQuestion[]>
  /** Every workspace's key (`local`, `slack:T0123`), sorted. */
  workspaces(): Promise<string[]>
  /** The models the stored documents are embedded with. */
  embeddingModels(): Promise<string[]>
  /** Queues what a crash or a stop left `pending` or `processing`; returns how many. */
  recover(): Promise<number>
  /** Resolves when every queued document (including e-mail parts) is processed. */
  idle(): Promise<void>
  close(): Promise<void>
}

/** One door's line at start-up and on the console's settings page: on or off, and how or why. */
export interface AdapterStatus {
  name: string
  on: boolean
  detail: string
}
