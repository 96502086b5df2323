export interface BenchOptions {
  quick: boolean
  /** Retrieval is measured at these chunk counts, smallest first, in one database per engine. */
  retrievalSizes: number[]
  /** PDFs larger than this are left out of the ingest figure (quick mode only). */
  maxPdfBytes: number
  /** PDFs at least this large join the Markdown and text files in the splitter comparison. */
  splitterMinPdfBytes: number
  splitterRounds: number
  /** Each splitter runs at least this long per text set. */
  splitterMinSeconds: number
  /** PostgreSQL admin URL; a fresh database is created from it. */
  postgresUrl: string | null
  /** Redis for the queue and cache figures (REDIS_URL_BENCH or TEST_REDIS_URL); keys get a prefix of their own. */
  redisUrl: string | null
  /** Load PGlite up to the largest size at all (BENCH_PGLITE_100K=0 skips it). */
  pgliteLargest: boolean
  /** Longest PGlite's whole retrieval load may take; past it, the last size is measured with what was loaded. */
  pgliteLoadBudgetSeconds: number
  /** Longest one retrieval timing run may take. */
  queryBudgetSeconds: number
  warmupQueries: number
  /** Peer comparison (LangChain.js): retrieval sizes, ingest rounds per database, claims timed per size. */
  peerRetrievalSizes: number[]
  /** PDFs larger than this are left out of the peer ingest comparison (quick mode only). */
  peerMaxPdfBytes: number
  peerIngestRounds: number
  peerPgliteRounds: number
  peerQueries: number
  /** Sections to run (`--only ingest,slack`); null runs them all. */
  only: string[] | null
}

/**
 * The bench is its own composition root: this is the one place it reads the
 * environment and the command line.
 */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1'
  return {
    quick,
    retrievalSizes: quick ? [1_000, 3_000] : [10_000, 100_000],
    maxPdfBytes: quick ? 300 * 1024 : Number.POSITIVE_INFINITY,
    splitterMinPdfBytes: quick ? Number.POSITIVE_INFINITY : 500 * 1024,
    splitterRounds: quick ? 1 : 3,
    splitterMinSeconds: quick ? 0.3 : 2,
    postgresUrl: nonEmpty(env.DATABASE_URL_BENCH) ?? nonEmpty(env.TEST_DATABASE_URL) ?? null,
    redisUrl: nonEmpty(env.REDIS_URL_BENCH) ?? nonEmpty(env.TEST_REDIS_URL) ?? null,
    pgliteLargest: env.BENCH_PGLITE_100K !== '0',
    pgliteLoadBudgetSeconds: positive(env.BENCH_PGLITE_LOAD_BUDGET_S) ?? 1200,
    queryBudgetSeconds: positive(env.BENCH_QUERY_BUDGET_S) ?? 120,
    warmupQueries: 20,
    // BENCH_PEER_SIZES=20000,50000 (or empty: ingest only) when working on one side of the comparison.
    peerRetrievalSizes: sizes(env.BENCH_PEER_SIZES) ?? (quick ? [1_000] : [20_000, 50_000, 100_000]),
    peerMaxPdfBytes: quick ? 100 * 1024 : Number.POSITIVE_INFINITY,
    peerIngestRounds: 3,
    peerPgliteRounds: quick ? 1 : 3,
    peerQueries: quick ? 40 : 300,
    only: parseOnly(argv),
  }
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() !== '' ? value.trim() : undefined)

function sizes(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined
  return value.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0)
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value)
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined
}

function parseOnly(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--only')
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)
  if (!value) return null
  return value.split(',').map((s) => s.trim()).filter(Boolean)
}
