/** How long the CLI keeps trying a service that is busy (a long ingest or a restart): about 30 s in all. */
export const BUSY_RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15000] as const

/** Statuses a busy or restarting service (or a proxy in front of it) answers with; the request may be sent again. */
export const BUSY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504])

/** A request that never got an answer: refused, reset, or timed out. */
export function isTransportFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError' || error.name === 'TypeError')
}

/** The server's own wait, when it gives one in seconds and it is not absurd; else ours. */
export function retryDelay(retryAfter: string | null, fallbackMs: number): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter)
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= 30 ? seconds * 1000 : fallbackMs
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
