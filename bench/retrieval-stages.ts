import { createHashingEmbedder } from '../src/models/embed/hashing-embedder.ts'
import { type BenchDatabase, openBenchPglite, openBenchPostgres } from './bench-databases.ts'
import type { BenchOptions } from './bench-options.ts'
import { type ChunkLoader, createChunkLoader } from './chunk-corpus.ts'
import { startRemoteChunkLoader } from './remote-chunk-loader.ts'
import type { Report } from './report.ts'
import { createRetrievalSession, type RetrievalSession } from './retrieval-figures.ts'
import type { ScifactDoc, ScifactQuery } from './scifact.ts'

/** Documents PostgreSQL stores at a time while loading (measured: 4 ≈ 1.6× one). */
const POSTGRES_LOAD_WORKERS = 4

interface Engine {
  db: BenchDatabase
  loader: ChunkLoader
  session: RetrievalSession
}

/**
 * Retrieval figures for every engine, size by size: all engines load up to
 * the size at the same time (PGlite in this thread, PostgreSQL from a worker
 * thread, so the two cores both work), then each is measured alone.
 */
export async function runRetrievalStages(
  options: BenchOptions,
  corpus: readonly ScifactDoc[],
  queries: { test: readonly ScifactQuery[]; warmup: readonly ScifactQuery[] },
  report: Report,
): Promise<void> {
  const engines: Engine[] = []
  const databases: BenchDatabase[] = []
  try {
    databases.push(await openBenchPglite())
    if (options.postgresUrl) databases.push(await openBenchPostgres(options.postgresUrl, { asyncCommit: true }))
    for (const db of databases) {
      const pglite = db.kind === 'pglite'
      report.line(`  ${db.kind}: ${db.location}${pglite ? '' : ' (synchronous_commit=off: a throw-away database filled to be read; loaded from a worker thread)'}`)
      const loader = db.url
        ? await startRemoteChunkLoader({ url: db.url, workers: POSTGRES_LOAD_WORKERS })
        : await createChunkLoader(db.database.orm, createHashingEmbedder(), corpus)
      const session = createRetrievalSession(
        db,
        loader,
        {
          queries: queries.test,
          warmup: queries.warmup,
          loadBudgetSeconds: pglite ? options.pgliteLoadBudgetSeconds : Number.POSITIVE_INFINITY,
          loadWorkers: 1,
          queryBudgetSeconds: options.queryBudgetSeconds,
        },
        report,
      )
      engines.push({ db, loader, session })
    }

    const largest = Math.max(...options.retrievalSizes)
    for (const size of [...options.retrievalSizes].sort((a, b) => a - b)) {
      const active = engines.filter((e) => {
        if (!e.session.canGrow) return false
        if (e.db.kind === 'pglite' && size === largest && !options.pgliteLargest) {
          const reason = `BENCH_PGLITE_100K=0: PGlite not loaded to ${size} chunks`
          report.line(`  pglite ${size} chunks: skipped (${reason})`)
          report.figure({ figure: 'retrieval', db: 'pglite', target_chunks: size, skipped: true, reason })
          return false
        }
        return true
      })
      report.line(`  loading ${size} chunks into ${active.map((e) => e.db.kind).join(' and ')}…`)
      await Promise.all(active.map((e) => e.session.load(size, active.filter((o) => o !== e).map((o) => o.db.kind))))
      for (const e of active) report.figure(await e.session.measure(size))
      report.memory(`retrieval at ${size} chunks`)
    }
  } finally {
    for (const e of engines) await e.loader.close()
    for (const db of databases) await db.dispose()
  }
}
