import { createHashingEmbedder } from '../src/models/embed/hashing-embedder.ts'
import type { BenchDatabase } from './bench-databases.ts'
import type { ChunkLoader, LoadOutcome } from './chunk-corpus.ts'
import { round2 } from './latency-summary.ts'
import type { Figure, Report } from './report.ts'
import { measureRetrieval } from './retrieval-bench.ts'
import type { ScifactQuery } from './scifact.ts'

export interface RetrievalSettings {
  queries: readonly ScifactQuery[]
  warmup: readonly ScifactQuery[]
  /** Longest this database's whole load may take; past it, the size is measured with what was loaded. */
  loadBudgetSeconds: number
  /** Documents stored at a time by an in-process loader (a worker-thread loader sets its own). */
  loadWorkers: number
  /** Longest one timing run may take; the queries left are reported as untimed. */
  queryBudgetSeconds: number
}

/**
 * Retrieval latency at growing sizes in one database: `load(size)` adds chunks
 * up to the size, `measure(size)` times the queries. Loads of several
 * databases may overlap; measurements never do (the orchestrator's job).
 */
export function createRetrievalSession(db: BenchDatabase, loader: ChunkLoader, settings: RetrievalSettings, report: Report) {
  const embedder = createHashingEmbedder()
  const loadStart = performance.now()
  const deadline = loadStart + settings.loadBudgetSeconds * 1000
  let last: { outcome: LoadOutcome; seconds: number; added: number } | null = null
  let exhausted = false

  return {
    kind: db.kind,
    /** False once the load budget ran out: larger sizes are not attempted. */
    get canGrow() {
      return !exhausted
    },

    async load(size: number, concurrentWith: readonly string[]): Promise<void> {
      const before = loader.progress.chunks
      const outcome = await loader.loadUpTo(size, {
        deadline,
        workers: settings.loadWorkers,
        onTick: (p) => report.line(`    … ${db.kind}: ${p.chunks} chunks loaded after ${round2((performance.now() - loadStart) / 1000)} s`),
      })
      const seconds = outcome.seconds
      const p = outcome.progress
      last = { outcome, seconds, added: p.chunks - before }
      if (!outcome.reached) exhausted = true
      report.line(
        `  ${db.kind}: loaded ${p.chunks - before} chunks in ${round2(seconds)} s (${round2((p.chunks - before) / seconds)} chunks/s` +
          `${concurrentWith.length > 0 ? `, while ${concurrentWith.join(', ')} loaded too` : ''});` +
          ` now ${p.chunks} chunks in ${p.documents} documents (SciFact × ${p.copies}${p.copies > 1 ? ', copies after the first titled "… [copy N]"' : ''});` +
          ` encode ${round2(p.encodeSeconds)} s, store ${round2(p.storeSeconds)} s (summed over documents so far)`,
      )
      if (!outcome.reached) {
        report.line(`  ${db.kind}: loading to ${size} chunks went past the ${settings.loadBudgetSeconds} s budget; measuring at ${p.chunks} chunks instead`)
      }
    },

    async measure(size: number): Promise<Figure> {
      const p = loader.progress
      const m = await measureRetrieval(db.database.orm, embedder, loader.scope, settings.queries, settings.warmup, settings.queryBudgetSeconds * 1000)
      const s = m.scans
      report.line(
        `  ${db.kind} @ ${p.chunks} chunks: retrieve(scope, q, 8) p50 ${m.p50} ms, p95 ${m.p95} ms, mean ${m.mean} ms, max ${m.max} ms over ${m.n} queries` +
          `${m.untimed > 0 ? ` (${m.untimed} left untimed: ${settings.queryBudgetSeconds} s budget)` : ''}` +
          `\n    chunks table reads while timing: HNSW ${s.hnsw}, GIN ${s.gin}, scope btree ${s.scope}, seq ${s.seq}, pkey ${s.pkey}; planner thinks ${Math.round(m.plannerRows)} rows; empty results ${m.empty}`,
      )
      return {
        figure: 'retrieval',
        db: db.kind,
        target_chunks: size,
        chunks: p.chunks,
        docs: p.documents,
        corpus_copies: p.copies,
        partial: last ? !last.outcome.reached : false,
        p50_ms: m.p50,
        p95_ms: m.p95,
        mean_ms: m.mean,
        max_ms: m.max,
        queries: m.n,
        untimed_queries: m.untimed,
        warmup_queries: settings.warmup.length,
        hnsw_scans: s.hnsw,
        gin_scans: s.gin,
        scope_index_scans: s.scope,
        seq_scans: s.seq,
        planner_rows: Math.round(m.plannerRows),
        load_step_seconds: last ? round2(last.seconds) : null,
        load_chunks_per_s: last ? round2(last.added / last.seconds) : null,
      }
    },
  }
}

export type RetrievalSession = ReturnType<typeof createRetrievalSession>
