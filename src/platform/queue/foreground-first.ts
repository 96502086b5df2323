/**
 * The embedded database has one session: while an indexing transaction holds
 * it, an upload, an e-mail's `250` or a CLI submit waits. Accepting work goes
 * first: a queued job starts once nothing has been accepted for `quietMs`, or
 * after it has waited `maxDeferMs`, so a steady stream of submissions slows
 * indexing down but cannot stop it. PostgreSQL has a session per connection
 * and needs none of this (see `noForegroundPriority`).
 */
export interface ForegroundFirst {
  /** Runs foreground work; background jobs hold back while it runs and for a moment after. */
  track<T>(work: () => Promise<T>): Promise<T>
  /** Resolves when a background job may start. */
  yieldTo(): Promise<void>
}

export interface ForegroundFirstOptions {
  quietMs: number
  maxDeferMs: number
  /** Injected in tests. */
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export function createForegroundFirst(options: ForegroundFirstOptions): ForegroundFirst {
  const now = options.now ?? (() => performance.now())
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let inFlight = 0
  let lastEnded = Number.NEGATIVE_INFINITY

  return {
    async track(work) {
      inFlight++
      try {
        return await work()
      } finally {
        inFlight--
        lastEnded = now()
      }
    },
    async yieldTo() {
      const deadline = now() + options.maxDeferMs
      for (;;) {
        const at = now()
        const quietFor = inFlight > 0 ? 0 : at - lastEnded
        if (quietFor >= options.quietMs || at >= deadline) return
        await sleep(Math.max(1, Math.min(options.quietMs - quietFor, deadline - at)))
      }
    },
  }
}

/** For databases with a session per connection: background work never waits. */
export const noForegroundPriority: ForegroundFirst = {
  track: (work) => work(),
  yieldTo: async () => {},
}
