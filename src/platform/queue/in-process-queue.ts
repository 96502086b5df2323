import { type DocumentHandler, type IngestQueue, type RetryPolicy, retryDelayMs } from './ingest-queue.ts'

export interface InProcessQueueOptions {
  concurrency: number
  /** Called when the handler throws; the handler is expected to record failures itself. */
  onError: (documentId: string, error: unknown) => void
  /** Defaults to one attempt (no retry). */
  retry?: RetryPolicy
  /** Awaited before each job starts (the embedded database lets accepting work go first). */
  beforeStart?: () => Promise<void>
}

/**
 * The embedded queue: bounded concurrency, ids de-duplicated while waiting,
 * scheduled for a retry or running, retries with exponential backoff.
 */
export function createInProcessQueue(handler: DocumentHandler, options: InProcessQueueOptions): IngestQueue {
  const retry = options.retry ?? { maxAttempts: 1, baseDelayMs: 0 }
  const waiting: Array<{ id: string; attempt: number }> = []
  const known = new Set<string>()
  const scheduled = new Set<NodeJS.Timeout>()
  let running = 0
  let closed = false
  let idleWaiters: Array<() => void> = []

  const settleIdle = () => {
    if (running > 0 || waiting.length > 0 || (scheduled.size > 0 && !closed)) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  const run = async (id: string, attempt: number): Promise<void> => {
    if (options.beforeStart) await options.beforeStart()
    // Closed while it waited: it stays `pending` in the database for the next start.
    if (closed) {
      known.delete(id)
      return
    }
    const finalAttempt = attempt >= retry.maxAttempts
    const outcome = await handler(id, { attempt, finalAttempt })
    if (outcome !== 'retry' || finalAttempt || closed) {
      known.delete(id)
      return
    }
    // Still `known` while it waits, so enqueueing it meanwhile does not run it twice.
    const timer = setTimeout(() => {
      scheduled.delete(timer)
      waiting.push({ id, attempt: attempt + 1 })
      pump()
    }, retryDelayMs(retry, attempt))
    scheduled.add(timer)
  }

  const pump = () => {
    while (!closed && running < options.concurrency && waiting.length > 0) {
      const job = waiting.shift() as { id: string; attempt: number }
      running++
      void run(job.id, job.attempt)
        .catch((error: unknown) => {
          known.delete(job.id)
          options.onError(job.id, error)
        })
        .finally(() => {
          running--
          pump()
          settleIdle()
        })
    }
    settleIdle()
  }

  return {
    async enqueue(documentId) {
      if (closed || known.has(documentId)) return
      known.add(documentId)
      waiting.push({ id: documentId, attempt: 1 })
      // Start on the next tick so a caller can enqueue a batch before work begins.
      queueMicrotask(pump)
    },
    onIdle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve)
        queueMicrotask(settleIdle)
      }),
    async close() {
      closed = true
      // Waiting and scheduled jobs stay `pending` in the database and are picked up at the next start.
      waiting.length = 0
      for (const timer of scheduled) clearTimeout(timer)
      scheduled.clear()
      if (running === 0) return
      await new Promise<void>((resolve) => idleWaiters.push(resolve))
    },
  }
}
