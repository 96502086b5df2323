import type { GenerativeAnswerer } from '../answer/generative-answerer.ts'
import type { ModelReranker } from '../retrieve/rerank-with-model.ts'
import type { QuestionRewriter } from '../retrieve/rewrite-question.ts'
import { type AskDeps, createAnswerQuestion } from '../answer/answer-question.ts'
import type { AskOptions, AskRequest } from '../answer/ask-request.ts'
import type { Database } from '../store/db/database.ts'
import type { Embedder } from '../models/embed/embedder.ts'
import { AppError } from '../platform/app-error.ts'
import type { IngestReceipt, IngestRequest } from '../ingest/ingest-request.ts'
import type { ChunkEncoder } from '../ingest/chunk-encoder.ts'
import { type IngestProfiler, timed } from '../ingest/ingest-profile.ts'
import { createDocumentProcessor } from '../ingest/process-document.ts'
import { submitDocument } from '../ingest/submit-document.ts'
import { createReindexJobs } from '../ingest/reindex-jobs.ts'
import type { Logger } from '../platform/log/logger.ts'
import type { Lexicon } from '../retrieve/question/wordnet-lexicon.ts'
import type { DocumentParser } from '../ingest/parse/parsed-document.ts'
import type { AnswerCache } from '../platform/cache/answer-cache.ts'
import type { DocumentHandler, IngestQueue, QueueHooks } from '../platform/queue/ingest-queue.ts'
import { type ForegroundFirst, noForegroundPriority } from '../platform/queue/foreground-first.ts'
import { createHybridRetriever } from '../retrieve/hybrid-retriever.ts'
import { limitAsk } from '../platform/limits/limit-ask.ts'
import { type QuestionLimiter, noQuestionLimits } from '../platform/limits/question-limiter.ts'
import { createTokenBudget } from '../platform/limits/token-budget.ts'
import { type Stats, collectStats } from '../store/collect-stats.ts'
import { dailyActivity } from '../store/daily-activity.ts'
import { listQuestions } from '../store/asked-questions.ts'
import { embeddingModelsInUse } from '../store/embedding-models.ts'
import { createAnalyzeScheduler } from '../store/analyze-scheduler.ts'
import { deleteDocument } from '../store/chunk-store.ts'
import { claimPlatformEvent, forgetPlatformEventsBefore } from '../store/platform-event-store.ts'
import { type ThreadKey, recordTurn, threadHistory } from '../store/conversation-store.ts'
import { type DocumentFilter, createDocumentStore, isUuid } from '../store/document-store.ts'
import { parseChannel, parseWorkspaceKey } from '../store/workspace-key.ts'
import { findWorkspace, listWorkspaceKeys } from '../store/workspace-store.ts'
import { type AskedQuestion, type FeedbackCounts, type FeedbackItem, createQueryLog } from '../store/query-log.ts'
import { type WaitForDocumentsOptions, waitForDocuments } from './wait-for-documents.ts'
import type { Core, DocumentListFilter, FeedbackFilter, FeedbackInput } from './core.ts'

export interface CoreDeps {
  database: Database
  parser: DocumentParser
  embedder: Embedder
  logger: Logger
  maxFileBytes: number
  /** Builds the queue around the document handler (in-process, or BullMQ on Redis); it owns the retry policy. */
  createQueue: (handler: DocumentHandler, hooks: QueueHooks) => IngestQueue
  answerCache: AnswerCache
  /** Embedders for questions: the ingest embedder first, then older models still in the index (mid-reindex). */
  queryEmbedders?: Embedder[]
  /** Answer models (fallback chain); null or absent: extractive answers. */
  generative?: GenerativeAnswerer | null
  /** Where chunks are encoded for the index; absent: in this thread. */
  chunkEncoder?: ChunkEncoder
  /** Related words for questions (WordNet); absent: questions are searched as written. */
  lexicon?: Lexicon
  /** Rate limits on questions (per asker, per workspace); absent: none. */
  questionLimiter?: QuestionLimiter
  /** Answer-model tokens per workspace per UTC day, then extractive answers; 0 or absent: no budget. */
  dailyTokenBudget?: number
  /** With a model: reformulations of each question searched too; absent: searched as asked. */
  rewriter?: QuestionRewriter | null
  /** With a model: the best passages ordered by it before answering; absent: the offline order. */
  reranker?: ModelReranker | null
  /** Ingest stage timings (the bench); absent in production. */
  ingestProfiler?: IngestProfiler
  /** Submissions from the doors are foreground work (the embedded database lets them go first); absent: no priority. */
  foreground?: ForegroundFirst
}

/**
 * The core commands every adapter uses: ingest, ask, stats, reindex, forget.
 * Built once by the composition root; holds no global state.
 */
export function createCore(deps: CoreDeps): Core {
  const orm = deps.database.orm
  const documents = createDocumentStore(orm)
  const queryLog = createQueryLog(orm)
  let queue: IngestQueue | null = null
  const getQueue = (): IngestQueue => {
    if (!queue) throw new Error('queue used before it was built')
    return queue
  }
  const profiler = deps.ingestProfiler
  const foreground = deps.foreground ?? noForegroundPriority
  const submit = (request: IngestRequest): Promise<IngestReceipt> =>
    timed(profiler, 'submit', () => submitDocument({ orm, documents, queue: getQueue(), maxFileBytes: deps.maxFileBytes }, request))
  const analyzer = createAnalyzeScheduler(orm, deps.logger, undefined, profiler)
  const processDocument = createDocumentProcessor({
    orm,
    documents,
    parser: deps.parser,
    embedder: deps.embedder,
    ...(deps.chunkEncoder ? { encoder: deps.chunkEncoder } : {}),
    logger: deps.logger,
    submit,
    onIndexed: (chunkCount) => analyzer.noteIndexed(chunkCount),
    profiler,
  })
  /** Queues what is `pending` or `processing`: the queue is only a transport, the database is the truth. */
  const recover = async (): Promise<number> => {
    const ids = await documents.unfinishedIds()
    for (const id of ids) await getQueue().enqueue(id)
    return ids.length
  }
  queue = deps.createQueue(processDocument, { resubmitUnfinished: recover })
  const readDocument = async (id: string, withParts: boolean) => {
    const document = await documents.get(id)
    if (!document) throw new AppError('not_found', `no document with id ${id}`)
    return { document, parts: withParts ? await documents.list({ parentId: id }) : [] }
  }
  const reindexJobs = createReindexJobs(orm, documents, queue)
  const askDeps: AskDeps = {
    orm,
    queryLog,
    retriever: createHybridRetriever(orm, deps.queryEmbedders ?? [deps.embedder], undefined, {
      onQueryEmbedFailed: (model, error) => deps.logger.warn({ model, err: error }, 'could not embed the question; that model’s passages are found by keywords only'),
      ...(deps.lexicon ? { lexicon: deps.lexicon } : {}),
    }),
    logger: deps.logger,
    generative: deps.generative ?? null,
    cache: deps.answerCache,
    rewriter: deps.rewriter ?? null,
    reranker: deps.reranker ?? null,
  }
  const answerQuestion = createAnswerQuestion(askDeps)
  // Rate limits and the token budget wrap ask from outside; the budget only matters with answer models.
  const limiter = deps.questionLimiter ?? noQuestionLimits
  const budget = deps.generative && deps.dailyTokenBudget ? createTokenBudget(orm, deps.dailyTokenBudget) : null
  // Past the budget, answers are extractive: no model writes them, none rewrites or reranks.
  const extractiveOnly = budget ? createAnswerQuestion({ ...askDeps, generative: null, rewriter: null, reranker: null }) : answerQuestion
  const limitedAsk = limitAsk(answerQuestion, extractiveOnly, { limiter, budget })

  return {
    ingest: (request) => foreground.track(() => submit(request)),
    ask: (request: AskRequest, options: AskOptions = {}) => limitedAsk(request, options),
    /** The models the stored documents are embedded with. */
    embeddingModels: () => embeddingModelsInUse(orm),
    stats: async (): Promise<Stats> => ({
      ...(await collectStats(orm, deps.answerCache, deps.generative?.status() ?? [])),
      feedback: await queryLog.feedbackCounts(),
      limits: { questions: await limiter.stats(), tokenBudget: budget ? await budget.stats() : null },
    }),
    /** Questions, answers, latency, tokens and feedback per UTC day: the last `days` days, oldest first. */
    activity: (days = 14) => dailyActivity(orm, days),
    /** The questions asked, newest first; `declined` ones show what the documents do not cover. */
    questions: (filter = {}) => listQuestions(orm, filter),
    /** Every workspace's key. */
    workspaces: () => listWorkspaceKeys(orm),
    reindex: (documentId?: string) => reindexJobs.start(documentId),
    job: (id: string) => reindexJobs.get(id),

    /**
     * Stores a 👍 or 👎 on an answer (`queryId` from its AnswerResult); the
     * latest click wins. Only a question asked in `workspace` can be marked.
     */
    async recordFeedback(input: FeedbackInput): Promise<void> {
      const workspace = isUuid(input.queryId) ? await findWorkspace(orm, parseWorkspaceKey(input.workspace)) : null
      const marked =
        workspace &&
        (await queryLog.mark({
          queryId: input.queryId,
          workspaceId: workspace.id,
          value: input.helpful ? 'helpful' : 'not_helpful',
          by: input.by,
          reason: input.reason ?? null,
          note: input.note ?? null,
        }))
      if (!marked) throw new AppError('not_found', `no question with id ${input.queryId} in this workspace`)
    },

    /** 👍/👎 counts over every workspace, or of one (`slack:T…`). */
    async feedbackCounts(workspace?: string): Promise<FeedbackCounts> {
      if (workspace === undefined) return await queryLog.feedbackCounts()
      const found = await findWorkspace(orm, parseWorkspaceKey(workspace))
      return found ? await queryLog.feedbackCounts(found.id) : { helpful: 0, notHelpful: 0 }
    },

    /**
     * A workspace's recent questions, newest first: one asker's (`asker`), or
     * those declined as not in the documents (`declined`), since `since`.
     */
    async recentQuestions(filter: { workspace: string; asker?: string; declined?: boolean; since?: Date; limit?: number }): Promise<AskedQuestion[]> {
      const found = await findWorkspace(orm, parseWorkspaceKey(filter.workspace))
      if (!found) return []
      const rows = await listQuestions(orm, {
        workspaceId: found.id,
        ...(filter.asker !== undefined ? { asker: filter.asker } : {}),
        ...(filter.declined ? { declined: true } : {}),
        ...(filter.since ? { since: filter.since } : {}),
        limit: Math.min(filter.limit ?? 10, 100),
      })
      return rows.map((q) => ({ queryId: q.id, channel: q.channel, asker: q.asker, question: q.question, grounded: q.grounded, feedback: q.feedback, askedAt: q.askedAt }))
    },

    /** Questions marked not helpful (or helpful) since `since`, newest first, optionally of one workspace. */
    async feedback(filter: FeedbackFilter): Promise<FeedbackItem[]> {
      let workspaceId: string | undefined
      if (filter.workspace !== undefined) {
        const workspace = await findWorkspace(orm, parseWorkspaceKey(filter.workspace))
        if (!workspace) return []
        workspaceId = workspace.id
      }
      return await queryLog.marked({
        value: filter.helpful ? 'helpful' : 'not_helpful',
        since: filter.since,
        ...(workspaceId ? { workspaceId } : {}),
        ...(filter.limit ? { limit: filter.limit } : {}),
      })
    },

    /** True the first time a platform event (platform, id) is seen: chat adapters answer each event once. */
    claimEvent: (platform: string, eventId: string) => claimPlatformEvent(orm, platform, eventId),
    /** Drops event claims older than `ageMs` (a week by default): no platform redelivers that late. */
    pruneEvents: (ageMs = 7 * 24 * 60 * 60 * 1000) => forgetPlatformEventsBefore(orm, new Date(Date.now() - ageMs)),

    /** Earlier turns of a chat thread, oldest first: pass them as `history` to ask. */
    threadHistory: (key: ThreadKey) => threadHistory(orm, key),
    rememberTurn: (key: ThreadKey, turn: { question: string; answer: string }) => recordTurn(orm, key, turn),

    async forget(id: string): Promise<void> {
      // A title or a typo is a missing document, not a database error.
      if (!isUuid(id)) throw new AppError('not_found', `no document with id ${id}`)
      const children = await documents.list({ parentId: id })
      for (const child of children) await this.forget(child.id)
      const deleted = await deleteDocument(orm, id)
      if (!deleted && children.length === 0) throw new AppError('not_found', `no document with id ${id}`)
    },

    getDocument: async (id: string) => {
      const doc = await documents.get(id)
      if (!doc) throw new AppError('not_found', `no document with id ${id}`)
      return doc
    },

    /**
     * Resolves once the documents are indexed or failed (with `parts`, their
     * e-mail parts too), or after `timeoutMs` / on `signal` with `settled: false`.
     * A document deleted meanwhile rejects with not_found.
     */
    waitForDocuments: (ids: readonly string[], options: WaitForDocumentsOptions) => waitForDocuments(readDocument, ids, options),

    /** Lists documents, optionally those a question from `workspace`/`channel` could see. */
    async listDocuments(filter: DocumentListFilter = {}) {
      const query: DocumentFilter = {
        ...(filter.search ? { search: filter.search } : {}),
        ...(filter.parentId ? { parentId: filter.parentId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.limit ? { limit: filter.limit } : {}),
      }
      if (filter.workspace !== undefined) {
        const workspace = await findWorkspace(orm, parseWorkspaceKey(filter.workspace))
        if (!workspace) return []
        query.workspaceId = workspace.id
        if (filter.channel !== undefined) query.visibleIn = { channel: parseChannel(filter.channel) }
      }
      return await documents.list(query)
    },

    /** Picks up what a crash or a stop left `pending` or `processing`. */
    recover,

    /** Resolves when every queued document (including e-mail parts) is processed. */
    idle: () => getQueue().onIdle(),

    async close(): Promise<void> {
      await getQueue().close()
      await analyzer.settle()
      deps.lexicon?.close()
    },
  }
}

