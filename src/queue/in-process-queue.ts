import type { DocumentHandler, IngestQueue } from './ingest-queue.ts'

export interface InProcessQueueOptions {
  concurrency: number
  /** Called when the handler throws; the handler is expected to record failures itself. */
  onError: (documentId: string, error: unknown) => void
}

/** The embedded queue: bounded concurrency, ids de-duplicated while waiting or running. */
export function createInProcessQueue(handler: DocumentHandler, options: InProcessQueueOptions): IngestQueue {
  const waiting: string[] = []
  const known = new Set<string>()
  let running = 0
  let closed = false
  let idleWaiters: Array<() => void> = []

  const settleIdle = () => {
    if (running > 0 || waiting.length > 0) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  const pump = () => {
    while (!closed && running < options.concurrency && waiting.length > 0) {
      const id = waiting.shift() as string
      running++
      void handler(id)
        .catch((error: unknown) => options.onError(id, error))
        .finally(() => {
          running--
          known.delete(id)
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
      waiting.push(documentId)
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
      // Waiting jobs stay `pending` in the database and are picked up at the next start.
      waiting.length = 0
      if (running === 0) return
      await new Promise<void>((resolve) => idleWaiters.push(resolve))
    },
  }
}
