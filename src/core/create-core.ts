import { createAnswerQuestion } from '../ask/answer-question.ts'
import type { AskOptions, AskRequest } from '../ask/ask-request.ts'
import type { Database } from '../db/database.ts'
import type { Embedder } from '../embed/embedder.ts'
import { AppError } from '../errors/app-error.ts'
import type { IngestReceipt, IngestRequest } from '../ingest/ingest-request.ts'
import { createDocumentProcessor } from '../ingest/process-document.ts'
import { submitDocument } from '../ingest/submit-document.ts'
import { createReindexJobs } from '../jobs/reindex-jobs.ts'
import type { Logger } from '../log/logger.ts'
import type { DocumentParser } from '../parse/parsed-document.ts'
import type { DocumentHandler, IngestQueue } from '../queue/ingest-queue.ts'
import { createHybridRetriever } from '../retrieve/hybrid-retriever.ts'
import { collectStats } from '../stats/collect-stats.ts'
import { createAnalyzeScheduler } from '../store/analyze-scheduler.ts'
import { deleteDocument } from '../store/chunk-store.ts'
import { type DocumentFilter, createDocumentStore } from '../store/document-store.ts'
import { parseChannel, parseWorkspaceKey } from '../store/workspace-key.ts'
import { findWorkspace } from '../store/workspace-store.ts'

export interface CoreDeps {
  database: Database
  parser: DocumentParser
  embedder: Embedder
  logger: Logger
  maxFileBytes: number
  /** Builds the queue around the document handler (in-process here, BullMQ later). */
  createQueue: (handler: DocumentHandler) => IngestQueue
  maxAttempts?: number
}

/**
 * The core commands every adapter uses: ingest, ask, stats, reindex, forget.
 * Built once by the composition root; holds no global state.
 */
export function createCore(deps: CoreDeps) {
  const orm = deps.database.orm
  const documents = createDocumentStore(orm)
  const retryTimers = new Set<NodeJS.Timeout>()
  let queue: IngestQueue | null = null
  const getQueue = (): IngestQueue => {
    if (!queue) throw new Error('queue used before it was built')
    return queue
  }
  const submit = (request: IngestRequest): Promise<IngestReceipt> =>
    submitDocument({ orm, documents, queue: getQueue(), maxFileBytes: deps.maxFileBytes }, request)
  const analyzer = createAnalyzeScheduler(orm, deps.logger)
  const processDocument = createDocumentProcessor({
    orm,
    documents,
    parser: deps.parser,
    embedder: deps.embedder,
    logger: deps.logger,
    submit,
    maxAttempts: deps.maxAttempts ?? 3,
    onIndexed: (chunkCount) => analyzer.noteIndexed(chunkCount),
    retryLater: (id, attempt) => {
      const timer = setTimeout(() => {
        retryTimers.delete(timer)
        void getQueue().enqueue(id)
      }, 1000 * 2 ** attempt)
      retryTimers.add(timer)
    },
  })
  queue = deps.createQueue(processDocument)
  const reindexJobs = createReindexJobs(orm, documents, queue)
  const answerQuestion = createAnswerQuestion({
    orm,
    retriever: createHybridRetriever(orm, deps.embedder),
    logger: deps.logger,
  })

  return {
    ingest: submit,
    ask: (request: AskRequest, options: AskOptions = {}) => answerQuestion(request, options),
    stats: () => collectStats(orm),
    reindex: (documentId?: string) => reindexJobs.start(documentId),
    job: (id: string) => reindexJobs.get(id),

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
    async recover(): Promise<number> {
      const ids = await documents.unfinishedIds()
      for (const id of ids) await getQueue().enqueue(id)
      return ids.length
    },

    /** Resolves when every queued document (including e-mail parts) is processed. */
    idle: () => getQueue().onIdle(),

    async close(): Promise<void> {
      for (const timer of retryTimers) clearTimeout(timer)
      await getQueue().close()
      await analyzer.settle()
    },
  }
}

export type Core = ReturnType<typeof createCore>
