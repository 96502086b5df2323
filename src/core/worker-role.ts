import type { Logger } from '../platform/log/logger.ts'
import type { Runtime } from '../runtime.ts'

/** One start-up line saying where ingestion runs and where answers are cached. */
export function logScaling(runtime: Runtime, logger: Logger): void {
  const { config } = runtime
  const queue =
    runtime.queueKind === 'bullmq'
      ? `BullMQ on REDIS_URL${config.ROLE === 'web' ? ' (this process only enqueues: run `npm run worker` to index)' : `, ${config.INGEST_CONCURRENCY} at a time in this process`}`
      : `in-process, ${config.INGEST_CONCURRENCY} at a time${config.REDIS_URL ? ' (PGlite admits one process, so Redis carries the answer cache only; set DATABASE_URL for workers)' : ''}`
  const cache = config.REDIS_URL ? 'Redis (REDIS_URL), shared by every process' : `in-process LRU, ${config.CACHE_MAX_ENTRIES} entries`
  logger.info({ role: config.ROLE, queue: runtime.queueKind }, `role ${config.ROLE}: ingest queue ${queue}; answer cache ${cache}, TTL ${config.CACHE_TTL_SECONDS} s`)
}

/**
 * ROLE=worker (`npm run worker`): only the queue's worker, no admin API (health
 * checks with WORKER_HEALTH_PORT). Stopping finishes the documents in hand;
 * the rest stay queued for other workers.
 */
export async function runWorkerRole(runtime: Runtime, logger: Logger, beforeClose: () => Promise<void> = async () => {}): Promise<void> {
  logger.info({ concurrency: runtime.config.INGEST_CONCURRENCY }, 'DocuQuery worker is running')
  const recovered = await runtime.core.recover()
  if (recovered > 0) logger.info({ documents: recovered }, 'queued unfinished documents again')
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'worker shutting down: finishing the documents being indexed')
    await beforeClose()
    await runtime.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}
