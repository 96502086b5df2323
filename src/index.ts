/**
 * The core's public surface: what adapters (Slack, Discord, e-mail, CLI, admin
 * API) may use. They import from this file only; everything else in `src/` may
 * change shape without touching an adapter.
 *
 * Kept light on purpose: it loads no database, parser or SDK, so an adapter (or
 * the CLI answering `--help`) pays only for what it uses. The runtime that
 * builds a Core is the composition root's (`src/runtime.ts`), not part of this.
 */

// The core and what goes in and out of it
export type { AdapterStatus, Core, DocumentListFilter, FeedbackFilter, FeedbackInput, RecentQuestionsFilter } from './core/core.ts'
export { type AnswerResult, type Citation, answerJson } from './answer/answer-result.ts'
export { type AskOptions, type AskRequest, type ConversationTurn, MAX_QUESTION_CHARS } from './answer/ask-request.ts'
export type { IngestReceipt, IngestRequest } from './ingest/ingest-request.ts'
export type { JobView } from './ingest/reindex-jobs.ts'
export type { Stats } from './store/collect-stats.ts'
export type { ThreadKey } from './store/conversation-store.ts'
export type { DocumentView } from './store/document-view.ts'
export type { DocumentStatus, FeedbackReason, FeedbackValue, JobStatus } from './store/db/schema.ts'
export { documentStatuses, feedbackReasons, feedbackValues, jobStatuses } from './store/db/schema.ts'
export type { AskedQuestion, FeedbackCounts, FeedbackItem } from './store/query-log.ts'
export type { LoggedQuestion, QuestionLogFilter } from './store/asked-questions.ts'
export type { ActivityDay } from './store/daily-activity.ts'
export { type DocumentsWait, type WaitForDocumentsOptions, waitForDocuments } from './core/wait-for-documents.ts'
export { parseChannel, parseWorkspaceKey } from './store/workspace-key.ts'

// Errors: every expected failure is an AppError with a stable code
export { AppError, type ErrorCode, documentErrorCodes, errorCodes, isAppError } from './platform/app-error.ts'
export { RateLimitedError, retryAfterOf } from './platform/limits/rate-limited-error.ts'

// Process services the composition root hands to adapters
export { type Logger, createLogger, silentLogger } from './platform/log/logger.ts'
export { type Metrics, createMetrics } from './platform/metrics.ts'
export type { Config } from './platform/config/config-schema.ts'
export { loadConfig } from './platform/config/load-config.ts'
export type { Runtime, RuntimeOverrides } from './runtime.ts'
export { claimDataDir, readOwner } from './store/db/data-dir-lock.ts'
/** Adapters that keep tables of their own (Slack installations) get the database handle. */
export type { Orm } from './store/db/database.ts'
/** The documents table, for an adapter table's foreign key (Slack's file → document map). */
export { documents } from './store/db/schema.ts'

// Text helpers adapters share with the core
export { sanitizeLabel, stripControlCharacters } from './text/control-characters.ts'
export { formatBytes } from './text/format-bytes.ts'
export { safeFilename } from './ingest/parse/formats/email/safe-filename.ts'

/**
 * Builds a runtime (database, parsers, models, a Core): for programs that are
 * their own composition root, like the CLI when no service runs. Loaded on
 * call, so importing this file stays cheap.
 */
export async function buildRuntime(...args: Parameters<typeof import('./runtime.ts').buildRuntime>): ReturnType<typeof import('./runtime.ts').buildRuntime> {
  const runtime = await import('./runtime.ts')
  return await runtime.buildRuntime(...args)
}
