import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import type { Logger } from '../log/logger.ts'
import type { DocumentHandler, IngestQueue, QueueHooks, RetryPolicy } from './ingest-queue.ts'

export interface BullmqQueueOptions {
  url: string
  /** BullMQ key prefix (REDIS_PREFIX); tests use one of their own. */
  prefix: string
  queueName: string
  /** Documents processed at once by this process's worker. */
  concurrency: number
  /** False in a web process: it only enqueues, workers elsewhere process. */
  work: boolean
  retry: RetryPolicy
  logger: Logger
  hooks: QueueHooks
  /** An enqueue slower than this counts as an outage (the document stays pending). */
  enqueueTimeoutMs?: number
  /** How often onIdle() looks at the queue's counts. */
  idlePollMs?: number
}

interface JobData {
  documentId: string
}

class RetryLater extends Error {
  constructor(documentId: string) {
    super(`document ${documentId} failed in a way that may be temporary`)
    this.name = 'RetryLater'
  }
}

/**
 * The ingest queue on BullMQ, shared by every process on one Redis. The job id
 * is the document id, so a document waiting, delayed for a retry or running
 * is one job however often it is enqueued; finished jobs are removed (the
 * database keeps the outcome) so a later reindex can queue it again. When
 * Redis is unreachable, enqueue gives up quickly, the document stays `pending`
 * in the database, and every unfinished document is queued again once Redis
 * is back.
 */
export function createBullmqQueue(handler: DocumentHandler, options: BullmqQueueOptions): IngestQueue {
  const { logger } = options
  const enqueueTimeoutMs = options.enqueueTimeoutMs ?? 2000
  // Producer: fail fast while disconnected rather than hold an HTTP request.
  const producer = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: backoff })
  // BullMQ's worker blocks on its connections and wants them to retry forever.
  const consumer = options.work ? new Redis(options.url, { maxRetriesPerRequest: null, retryStrategy: backoff }) : null
  const queue = new Queue<JobData>(options.queueName, {
    connection: producer,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.retry.maxAttempts,
      backoff: { type: 'exponential', delay: options.retry.baseDelayMs },
      removeOnComplete: true,
      removeOnFail: true,
    },
  })

  let closed = false
  let down = false
  let resubmitting = false
  const noteOutage = (error: unknown) => {
    if (down || closed) return
    down = true
    logger.warn({ err: error }, 'ingest queue unavailable: documents stay pending and are queued again when Redis is back')
  }
  producer.on('error', noteOutage)
  producer.on('close', () => noteOutage(new Error('connection to Redis closed')))
  queue.on('error', noteOutage)
  producer.on('ready', () => {
    if (!down || closed) return
    down = false
    logger.info({}, 'ingest queue is back: queueing unfinished documents again')
    void resubmit()
  })

  const resubmit = async () => {
    if (resubmitting) return
    resubmitting = true
    try {
      const count = await options.hooks.resubmitUnfinished()
      if (count > 0) logger.info({ documents: count }, 'unfinished documents queued again')
    } catch (error) {
      logger.error({ err: error }, 'could not queue unfinished documents again')
    } finally {
      resubmitting = false
    }
  }

  let active = 0
  const worker = consumer
    ? new Worker<JobData>(
        options.queueName,
        async (job) => {
          active++
          try {
            const attempt = job.attemptsMade + 1
            const outcome = await handler(job.data.documentId, { attempt, finalAttempt: attempt >= options.retry.maxAttempts })
            // Throwing is how BullMQ is told to apply the backoff and try again.
            if (outcome === 'retry') throw new RetryLater(job.data.documentId)
          } finally {
            active--
          }
        },
        { connection: consumer, prefix: options.prefix, concurrency: options.concurrency },
      )
    : null
  worker?.on('error', noteOutage)
  worker?.on('failed', (job, error) => {
    if (error instanceof RetryLater) return
    logger.error({ documentId: job?.data.documentId, err: error }, 'ingest job crashed')
  })

  const counts = async (): Promise<number> => {
    const byState = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
    return Object.values(byState).reduce((sum, n) => sum + n, 0)
  }

  return {
    async enqueue(documentId) {
      if (closed) return
      try {
        await withTimeout(queue.add('ingest', { documentId }, { jobId: documentId }), enqueueTimeoutMs)
      } catch (error) {
        noteOutage(error)
      }
    },

    async onIdle() {
      for (;;) {
        if (closed) return
        let waiting: number
        try {
          waiting = await withTimeout(counts(), enqueueTimeoutMs)
        } catch {
          // Nothing moves through an unreachable queue; the database says what is left.
          return
        }
        if (waiting === 0 && active === 0) return
        await sleep(options.idlePollMs ?? 100)
      }
    },

    async close() {
      closed = true
      if (worker) {
        // Finishes the running jobs; the waiting ones stay in Redis for other workers.
        const closing = worker.close()
        await Promise.race([closing, whenZero(() => active).then(() => sleep(5000))])
      }
      await Promise.race([queue.close(), sleep(2000)])
      producer.disconnect()
      consumer?.disconnect()
    },
  }
}

const backoff = (times: number): number => Math.min(200 * times, 2000)

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

async function whenZero(read: () => number): Promise<void> {
  while (read() > 0) await sleep(50)
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms)
  })
  // The losing promise must not become an unhandled rejection later.
  promise.catch(() => {})
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
