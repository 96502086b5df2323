import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createStageTotals } from '../../src/ingest/ingest-profile.ts'
import { silentLogger } from '../../src/platform/log/logger.ts'
import { tinyPdf } from '../../src/ingest/parse/worker/warm-up.ts'
import type { BuiltModules } from '../built-modules.ts'
import { type DatabaseKind, createEmptyBenchPostgres, openBenchPglite, openBenchPostgres } from '../bench-databases.ts'
import { waitUntilProcessed } from '../ingest-bench.ts'
import { round2 } from '../latency-summary.ts'
import type { Figure } from '../report.ts'
import { type LangchainStageTimes, ingestPdfWithLangchain, langchainSplitter, openLangchainStore } from './langchain-pipeline.ts'
import type { PeerPdf } from './peer-pdfs.ts'

const WORKSPACE = 'bench-peer'
const PARSE_TIMEOUT_MS = 10 * 60 * 1000

export interface RoundResult {
  seconds: number
  /** Documents that did not end indexed (DocuQuery) or gave no chunk (LangChain). */
  missing: string[]
}

/**
 * One DocuQuery ingest of the PDFs into a fresh database: the real core
 * (parser pool, queue, store) as `docuquery ingest` runs it, timed from the
 * first submit until nothing is pending or processing. Stage times go to
 * `totals` when given.
 */
export async function docuqueryIngestRound(
  built: BuiltModules,
  kind: DatabaseKind,
  adminUrl: string | null,
  pdfs: readonly PeerPdf[],
  totals?: ReturnType<typeof createStageTotals>,
): Promise<RoundResult> {
  const db = kind === 'pglite' ? await openBenchPglite(built) : await openBenchPostgres(requireUrl(adminUrl), { openers: built })
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-peer-'))
  // A busy machine must not turn a slow parse into a failure: every document is indexed in every round.
  const config = built.loadConfig({ DATA_DIR: dataDir, INGEST_CONCURRENCY: '2', PARSE_TIMEOUT_MS: String(PARSE_TIMEOUT_MS), LOG_LEVEL: 'silent' })
  const runtime = await built.buildRuntime(config, silentLogger, { database: db.database, ingestProfiler: totals, warmWorkers: true })
  try {
    // As in the running service, the parse and encode workers have started before documents arrive
    // (LangChain's modules are loaded before its clock too).
    await Promise.all(Array.from({ length: config.INGEST_CONCURRENCY }, () => runtime.parser.parse({ bytes: tinyPdf('DocuQuery bench: the parse workers are ready.'), filename: 'ready.pdf' })))
    const start = performance.now()
    for (const pdf of pdfs) {
      await runtime.core.ingest({ workspace: WORKSPACE, visibleIn: null, bytes: pdf.bytes, filename: pdf.path, source: 'cli', sourceRef: pdf.relative })
    }
    await waitUntilProcessed(runtime)
    const seconds = (performance.now() - start) / 1000
    const docs = await runtime.core.listDocuments({ workspace: WORKSPACE })
    const missing = docs.filter((d) => d.status !== 'indexed').map((d) => `${d.title} (${d.error?.code ?? d.status})`)
    return { seconds, missing }
  } finally {
    await runtime.close()
    await db.dispose()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** One LangChain.js ingest of the same PDFs into a fresh database on the same server, one file after another. */
export async function langchainIngestRound(adminUrl: string, pdfs: readonly PeerPdf[], times: LangchainStageTimes): Promise<RoundResult & { embedMs: number }> {
  const db = await createEmptyBenchPostgres(adminUrl)
  try {
    const target = await openLangchainStore(db.url)
    const splitter = langchainSplitter()
    const missing: string[] = []
    try {
      const start = performance.now()
      for (const pdf of pdfs) {
        const before = times.chunks
        await ingestPdfWithLangchain(target, pdf.path, splitter, times)
        if (times.chunks === before) missing.push(path.basename(pdf.path))
      }
      return { seconds: (performance.now() - start) / 1000, missing, embedMs: target.embeddings.embedMs }
    } finally {
      await target.close()
    }
  } finally {
    await db.dispose()
  }
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Mean milliseconds per round of each stage, as one figure. */
export function profileFigure(name: string, db: string, totals: ReturnType<typeof createStageTotals>, rounds: number, wallSeconds: number): Figure {
  const figure: Figure = { figure: name, db, rounds, wall_ms_per_round: Math.round((wallSeconds * 1000) / rounds) }
  for (const { stage, ms, calls } of totals.totals()) {
    figure[`${stage}_ms`] = Math.round(ms / rounds)
    figure[`${stage}_calls`] = Math.round(calls / rounds)
  }
  return figure
}

export function describeProfile(figure: Figure): string {
  return Object.entries(figure)
    .filter(([key]) => key.endsWith('_ms') && key !== 'wall_ms_per_round')
    .map(([key, value]) => `${key.slice(0, -3)} ${value} ms`)
    .join(', ')
}

function requireUrl(url: string | null): string {
  if (!url) throw new Error('PostgreSQL requested without a URL')
  return url
}

