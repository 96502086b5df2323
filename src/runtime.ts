import type { Config } from './platform/config/config-schema.ts'
import { createCore } from './core/create-core.ts'
import type { Core } from './core/core.ts'
import type { Database } from './store/db/database.ts'
import { openDatabase } from './store/db/open-database.ts'
import { createGenerativeAnswerer } from './answer/generative-answerer.ts'
import { createModelReranker } from './retrieve/rerank-with-model.ts'
import { createQuestionRewriter } from './retrieve/rewrite-question.ts'
import { ensureVectorIndex } from './store/vector-index.ts'
import type { FallbackChain } from './models/fallback-chain.ts'
import { buildAnswerChain } from './models/providers/build-answer-chain.ts'
import { buildEmbedders } from './models/providers/build-embedders.ts'
import type { Embedder } from './models/embed/embedder.ts'
import type { IngestProfiler } from './ingest/ingest-profile.ts'
import type { Logger } from './platform/log/logger.ts'
import { createQuestionLexicon } from './retrieve/question/question-lexicon.ts'
import { createThreadedChunkEncoder } from './ingest/chunk-encoder.ts'
import { createDocumentParser } from './ingest/parse/index.ts'
import type { DocumentParser } from './ingest/parse/parsed-document.ts'
import { createInProcessQueue } from './platform/queue/in-process-queue.ts'
import { type ForegroundFirst, createForegroundFirst, noForegroundPriority } from './platform/queue/foreground-first.ts'
import type { createBullmqQueue } from './platform/queue/bullmq-queue.ts'
import type { DocumentHandler, IngestQueue, QueueHooks } from './platform/queue/ingest-queue.ts'
import type { AnswerCache } from './platform/cache/answer-cache.ts'
import { createDisabledAnswerCache } from './platform/cache/disabled-answer-cache.ts'
import { createInMemoryAnswerCache } from './platform/cache/in-memory-answer-cache.ts'
import { openQuestionLimiter } from './platform/limits/open-question-limiter.ts'
import { noQuestionLimits } from './platform/limits/question-limiter.ts'

/** A pause between submissions this long lets indexing start (SMTP clients send the next message within a few ms of the 250). */
const FOREGROUND_QUIET_MS = 100
/** A queued document waits at most this long for a pause, so a stream of submissions cannot stall indexing. */
const FOREGROUND_MAX_DEFER_MS = 5000

export interface Runtime {
  config: Config
  database: Database
  parser: DocumentParser
  embedder: Embedder
  /** The answer models in fallback order, or null for extractive answers. */
  answerChain: FallbackChain | null
  core: Core
  answerCache: AnswerCache
  /** `bullmq` when Redis carries ingestion between processes, else `in-process`. */
  queueKind: 'bullmq' | 'in-process'
  close(): Promise<void>
}

export interface RuntimeOverrides {
  /** Use this database instead of opening the configured one (tests, benchmarks). */
  database?: Database
  /** Ingest stage timings (the bench). */
  ingestProfiler?: IngestProfiler
  /** Start the parse and encode worker threads at once: a process that will ingest (the service, a worker), not a one-shot command. */
  warmWorkers?: boolean
}

/**
 * Builds the core once from the parsed config: the one place that decides
 * which implementation stands behind each port.
 */
export async function buildRuntime(config: Config, logger: Logger, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  // First: a model folder that cannot be used stops start-up before anything is opened.
  const embedders = await buildEmbedders(config)
  const database =
    overrides.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }))
  const parser = createDocumentParser({
    maxBytes: config.MAX_FILE_BYTES,
    timeoutMs: config.PARSE_TIMEOUT_MS,
    poolSize: config.INGEST_CONCURRENCY,
    warm: overrides.warmWorkers ?? false,
  })
  const chunkEncoder = createThreadedChunkEncoder({ warm: overrides.warmWorkers ?? false })
  const embedder = embedders.primary
  const vectorIndex = await ensureVectorIndex(database, embedder)
  if (!vectorIndex.indexed && vectorIndex.reason) logger.warn({ model: embedder.model }, vectorIndex.reason)
  const answerChain = buildAnswerChain(config, logger)
  const generative = answerChain
    ? createGenerativeAnswerer({
        chain: answerChain,
        maxAnswerTokens: config.MAX_ANSWER_TOKENS,
        contextTokenBudget: config.CONTEXT_TOKEN_BUDGET,
        logger,
      })
    : null
  // The same chain (providers, breakers, timeouts) helps find the passages; without it, retrieval is offline.
  const rewriter =
    answerChain && config.LLM_REWRITE_QUESTIONS
      ? createQuestionRewriter({
          chain: answerChain,
          logger,
          cache: { maxEntries: config.CACHE_MAX_ENTRIES, ttlMs: config.CACHE_TTL_SECONDS * 1000 },
        })
      : null
  const reranker = answerChain && config.LLM_RERANK_PASSAGES ? createModelReranker({ chain: answerChain, logger, depth: config.LLM_RERANK_DEPTH }) : null
  const answerCache = await openAnswerCache(config, logger)
  // Workers answer no questions: no counters, no Redis connection for them.
  const questionLimiter = config.ROLE === 'worker' ? noQuestionLimits : await openQuestionLimiter({
    perUser: config.RATE_LIMIT_USER_QUESTIONS > 0 ? { questions: config.RATE_LIMIT_USER_QUESTIONS, windowSeconds: config.RATE_LIMIT_USER_WINDOW_SECONDS } : null,
    perWorkspace:
      config.RATE_LIMIT_WORKSPACE_QUESTIONS > 0 ? { questions: config.RATE_LIMIT_WORKSPACE_QUESTIONS, windowSeconds: config.RATE_LIMIT_WORKSPACE_WINDOW_SECONDS } : null,
    redis: config.REDIS_URL ? { url: config.REDIS_URL, keyPrefix: `${config.REDIS_PREFIX}:` } : undefined,
    logger,
  })
  // PGlite has one session: accepting a document must not wait behind indexing another.
  const foreground =
    database.kind === 'pglite' ? createForegroundFirst({ quietMs: FOREGROUND_QUIET_MS, maxDeferMs: FOREGROUND_MAX_DEFER_MS }) : noForegroundPriority
  // PGlite admits one process, so there is nobody to share a Redis queue with.
  const queueKind = config.REDIS_URL && database.kind === 'postgres' ? 'bullmq' : 'in-process'
  // BullMQ (and Redis) load only when used: a second of start-up on the embedded default.
  const bullmq = queueKind === 'bullmq' ? (await import('./platform/queue/bullmq-queue.ts')).createBullmqQueue : null
  const core = createCore({
    database,
    parser,
    embedder,
    chunkEncoder,
    logger,
    maxFileBytes: config.MAX_FILE_BYTES,
    answerCache,
    queryEmbedders: embedders.all,
    generative,
    rewriter,
    reranker,
    lexicon: createQuestionLexicon(),
    questionLimiter,
    dailyTokenBudget: config.DAILY_TOKEN_BUDGET,
    foreground,
    createQueue: (handler, hooks) => createQueue(bullmq, config, logger, handler, hooks, foreground),
    ingestProfiler: overrides.ingestProfiler,
  })
  return {
    config,
    database,
    parser,
    embedder,
    answerChain,
    core,
    answerCache,
    queueKind,
    async close() {
      await core.close()
      await answerCache.close()
      await questionLimiter.close()
      await parser.close()
      await chunkEncoder.close()
      if (!overrides.database) await database.close()
    },
  }
}

async function openAnswerCache(config: Config, logger: Logger): Promise<AnswerCache> {
  if (config.CACHE_TTL_SECONDS === 0) return createDisabledAnswerCache()
  const limits = { ttlMs: config.CACHE_TTL_SECONDS * 1000, maxEntryBytes: config.CACHE_MAX_ENTRY_BYTES }
  if (!config.REDIS_URL) return createInMemoryAnswerCache({ ...limits, maxEntries: config.CACHE_MAX_ENTRIES })
  const { openRedisAnswerCache } = await import('./platform/cache/redis-answer-cache.ts')
  return await openRedisAnswerCache({
    ...limits,
    url: config.REDIS_URL,
    keyPrefix: `${config.REDIS_PREFIX}:`,
    commandTimeoutMs: config.CACHE_TIMEOUT_MS,
    logger,
  })
}

function createQueue(
  bullmq: typeof createBullmqQueue | null,
  config: Config,
  logger: Logger,
  handler: DocumentHandler,
  hooks: QueueHooks,
  foreground: ForegroundFirst,
): IngestQueue {
  const retry = { maxAttempts: config.INGEST_MAX_ATTEMPTS, baseDelayMs: config.INGEST_RETRY_DELAY_MS }
  if (bullmq && config.REDIS_URL) {
    return bullmq(handler, {
      url: config.REDIS_URL,
      prefix: config.REDIS_PREFIX,
      queueName: 'ingest',
      concurrency: config.INGEST_CONCURRENCY,
      work: config.ROLE !== 'web',
      retry,
      logger,
      hooks,
    })
  }
  return createInProcessQueue(handler, {
    concurrency: config.INGEST_CONCURRENCY,
    retry,
    beforeStart: () => foreground.yieldTo(),
    onError: (documentId, error) => logger.error({ documentId, err: error }, 'ingest job crashed'),
  })
}
