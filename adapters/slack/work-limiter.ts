/**
 * Runs at most `concurrency` heavy jobs (answers, file indexing) at once.
 * PGlite and the retrieval code share the event loop with the HTTP server:
 * fewer jobs interleaved means a new Slack request waits behind less work
 * before it is acknowledged.
 */
export function createWorkLimiter(concurrency: number) {
  let running = 0
  const waiting: Array<() => void> = []
  return async function limit<T>(job: () => Promise<T>): Promise<T> {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    try {
      return await job()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}

export type WorkLimiter = ReturnType<typeof createWorkLimiter>
