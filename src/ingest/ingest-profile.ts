/** Where ingest time goes, as the bench reports it. */
export const ingestStages = [
  'submit',
  'bytes',
  'status',
  'parse',
  'chunk',
  // Dense embedding and BM25 sparse vector, computed together by the chunk encoder.
  'encode',
  'insert',
  'term_stats',
  'index_maintenance',
] as const

export type IngestStage = (typeof ingestStages)[number]

/**
 * Optional timing hook for ingest: production passes none, and then each
 * stage runs with nothing around it. Times are wall milliseconds; stages of
 * documents processed at the same time overlap, so they can add up to more
 * than the elapsed time.
 */
export interface IngestProfiler {
  record(stage: IngestStage, ms: number): void
}

/** Runs `work`, charging its wall time to `stage` when there is a profiler. */
export async function timed<T>(profiler: IngestProfiler | undefined, stage: IngestStage, work: () => Promise<T>): Promise<T> {
  if (!profiler) return await work()
  const start = performance.now()
  try {
    return await work()
  } finally {
    profiler.record(stage, performance.now() - start)
  }
}

/** The same for synchronous work (chunking, BM25 encoding). */
export function timedSync<T>(profiler: IngestProfiler | undefined, stage: IngestStage, work: () => T): T {
  if (!profiler) return work()
  const start = performance.now()
  try {
    return work()
  } finally {
    profiler.record(stage, performance.now() - start)
  }
}

/** A profiler that sums milliseconds and counts calls per stage. */
export function createStageTotals() {
  const ms = new Map<IngestStage, number>()
  const calls = new Map<IngestStage, number>()
  return {
    record(stage: IngestStage, elapsed: number): void {
      ms.set(stage, (ms.get(stage) ?? 0) + elapsed)
      calls.set(stage, (calls.get(stage) ?? 0) + 1)
    },
    totals(): Array<{ stage: IngestStage; ms: number; calls: number }> {
      return ingestStages.map((stage) => ({ stage, ms: ms.get(stage) ?? 0, calls: calls.get(stage) ?? 0 }))
    },
  }
}
