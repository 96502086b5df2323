/**
 * The ingest queue port. It only carries document ids: the document and its
 * status live in the database, so a lost message is recovered at start-up
 * (and, on Redis, when Redis comes back).
 */
export interface IngestQueue {
  /**
   * Queues a document unless it is already waiting, scheduled for a retry or
   * running: one id is one job at a time. Never throws for an unreachable
   * queue: the document stays `pending` in the database and is queued again.
   */
  enqueue(documentId: string): Promise<void>
  /** Resolves when nothing is queued, scheduled or running. */
  onIdle(): Promise<void>
  /** Stops taking work and waits for running jobs to finish. */
  close(): Promise<void>
}

export interface JobAttempt {
  /** 1 for the first try. */
  attempt: number
  /** No retry follows this one: a failure now is final. */
  finalAttempt: boolean
}

/** `retry`: the failure may be temporary, run the document again after a backoff. */
export type HandlerOutcome = 'done' | 'retry'

export type DocumentHandler = (documentId: string, attempt: JobAttempt) => Promise<HandlerOutcome | void>

/** One retry policy per queue, applied by the queue: exponential backoff from `baseDelayMs`. */
export interface RetryPolicy {
  maxAttempts: number
  baseDelayMs: number
}

export const retryDelayMs = (policy: RetryPolicy, attempt: number): number => policy.baseDelayMs * 2 ** (attempt - 1)

/** Lets a queue ask the core to queue every unfinished document again (after a Redis outage). */
export interface QueueHooks {
  resubmitUnfinished(): Promise<number>
}
