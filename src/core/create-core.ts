import type { GenerativeAnswerer } from '../answer/generative-answerer.ts'
import { createAnswerQuestion } from '../ask/answer-question.ts'
import type { AskOptions, AskRequest } from '../ask/ask-request.ts'
import type { Database } from '../db/database.ts'
import type { Embedder } from '../embed/embedder.ts'
import { AppError } from '../errors/app-error.ts'
import type { IngestReceipt, IngestRequest } from '../ingest/ingest-request.ts'
import { type IngestProfiler, timed } from '../ingest/ingest-profile.ts'
import { createDocumentProcessor } from '../ingest/process-document.ts'
import { submitDocument } from '../ingest/submit-document.ts'
import { createReindexJobs } from '../jobs/reindex-jobs.ts'
import type { Logger } from '../log/logger.ts'
import type { DocumentParser } from '../parse/parsed-document.ts'
import type { AnswerCache } from '../cache/answer-cache.ts'
import type { DocumentHandler, IngestQueue, QueueHooks } from '../queue/ingest-queue.ts'
import { createHybridRetriever } from '../retrieve/hybrid-retriever.ts'
import { collectStats } from '../stats/collect-stats.ts'
import { embeddingModelsInUse } from '../store/embedding-models.ts'
import { createAnalyzeScheduler } from '../store/analyze-scheduler.ts'
import { deleteDocument } from '../store/chunk-store.ts'
import { claimPlatformEvent, forgetPlatformEventsBefore } from '../store/platform-event-store.ts'
import { type ThreadKey, recordTurn, threadHistory } from '../store/conversation-store.ts'
import { type DocumentFilter, createDocumentStore } from '../store/document-store.ts'
import { parseChannel, parseWorkspaceKey } from '../store/workspace-key.ts'
import { findWorkspace } from '../store/workspace-store.ts'

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
  /** Ingest stage timings (the bench); absent in production. */
  ingestProfiler?: IngestProfiler
}

/**
 * The core commands every adapter uses: ingest, ask, stats, reindex, forget.
 * Built once by the composition root; holds no global state.
 */
export function createCore(deps: CoreDeps) {
  const orm = deps.database.orm
  const documents = createDocumentStore(orm)
  let queue: IngestQueue | null = null
  const getQueue = (): IngestQueue => {
    if (!queue) throw new Error('queue used before it was built')
    return queue
  }
  const profiler = deps.ingestProfiler
  const submit = (request: IngestRequest): Promise<IngestReceipt> =>
    timed(profiler, 'submit', () => submitDocument({ orm, documents, queue: getQueue(), maxFileBytes: deps.maxFileBytes }, request))
  const analyzer = createAnalyzeScheduler(orm, deps.logger, undefined, profiler)
  const processDocument = createDocumentProcessor({
    orm,
    documents,
    parser: deps.parser,
    embedder: deps.embedder,
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
  const reindexJobs = createReindexJobs(orm, documents, queue)
  const answerQuestion = createAnswerQuestion({
    orm,
    retriever: createHybridRetriever(orm, deps.queryEmbedders ?? [deps.embedder], undefined, {
      onQueryEmbedFailed: (model, error) => deps.logger.warn({ model, err: error }, 'could not embed the question; that model’s passages are found by keywords only'),
    }),
    logger: deps.logger,
    generative: deps.generative ?? null,
    cache: deps.answerCache,
  })

  return {
    ingest: submit,
    ask: (request: AskRequest, options: AskOptions = {}) => answerQuestion(request, options),
    /** The models the stored documents are embedded with. */
    embeddingModels: () => embeddingModelsInUse(orm),
    stats: () => collectStats(orm, deps.answerCache, deps.generative?.status() ?? []),
    reindex: (documentId?: string) => reindexJobs.start(documentId),
    job: (id: string) => reindexJobs.get(id),

    /** True the first time a platform event (platform, id) is seen: chat adapters answer each event once. */
    claimEvent: (platform: string, eventId: string) => claimPlatformEvent(orm, platform, eventId),
    /** Drops event claims older than `ageMs` (a week by default): no platform redelivers that late. */
    pruneEvents: (ageMs = 7 * 24 * 60 * 60 * 1000) => forgetPlatformEventsBefore(orm, new Date(Date.now() - ageMs)),

    /** Earlier turns of a chat thread, oldest first: pass them as `history` to ask. */
    threadHistory: (key: ThreadKey) => threadHistory(orm, key),
    rememberTurn: (key: ThreadKey, turn: { question: string; answer: string }) => recordTurn(orm, key, turn),

    async forget(id: string): Promise<void> {
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

    /** Lists documents, optionally those a question from `workspace`/`channel` could see. */
    async listDocuments(filter: { workspace?: string; channel?: string | null; parentId?: string; limit?: number } = {}) {
      const query: DocumentFilter = { ...(filter.parentId ? { parentId: filter.parentId } : {}), ...(filter.limit ? { limit: filter.limit } : {}) }
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
    },
  }
}

export type Core = ReturnType<typeof createCore>
