import os from 'node:os'
import { defaultChunkOptions } from '../src/ingest/chunk-document.ts'
import { type BenchDatabase, type DatabaseKind, openBenchPglite, openBenchPostgres } from './bench-databases.ts'
import { type BenchOptions, parseBenchOptions } from './bench-options.ts'
import { discordFigures } from './discord-bench.ts'
import { emailFigures } from './email-bench.ts'
import { readCorpusPdfs, runIngestBench } from './ingest-bench.ts'
import { gatewayFigures, mswProviderSetup } from './gateway-bench.ts'
import { cacheFigures, queueFigures, scaleFigures } from './redis-figures.ts'
import { round2 } from './latency-summary.ts'
import { createReport, type Report } from './report.ts'
import { peerFigures } from './peer/peer-section.ts'
import { responsivenessFigures } from './responsiveness-bench.ts'
import { runRetrievalStages } from './retrieval-stages.ts'
import { slackFigures } from './slack-bench.ts'
import { startupFigures } from './startup-bench.ts'
import { slackFeedbackFigures } from './slack-feedback-bench.ts'
import { loadScifactCorpus, loadScifactQueries } from './scifact.ts'
import { compareSplitters, langchainSettings } from './splitter-bench.ts'
import { parsedCorpusTexts, scifactTexts } from './splitter-texts.ts'

/**
 * `npm run bench [-- --quick]`: ingest throughput, retrieval latency, peak RSS
 * the LangChain.js splitter comparison and the LangChain.js pipeline
 * comparison (`--only peer`, PostgreSQL only), on PGlite and (when
 * DATABASE_URL_BENCH or TEST_DATABASE_URL is set) PostgreSQL. Human-readable
 * lines first, then one JSON line per figure.
 */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), process.env)
  const report = createReport()
  const started = performance.now()
  const kinds: DatabaseKind[] = options.postgresUrl ? ['pglite', 'postgres'] : ['pglite']
  report.line(
    `DocuQuery bench (${options.quick ? 'quick' : 'full'}): node ${process.version}, ${os.cpus().length} CPUs, ` +
      `databases: ${kinds.join(', ')}${options.postgresUrl ? ` (${describeUrl(options.postgresUrl)})` : ' (set DATABASE_URL_BENCH or TEST_DATABASE_URL for PostgreSQL)'}`,
  )

  report.line('Peak RSS of this process (process.resourceUsage().maxRSS; PostgreSQL server memory not included) is printed after each phase.')
  // Each section is one figure family; `--only a,b` runs a subset.
  const sections: Record<string, () => Promise<void>> = {
    ingest: () => ingestFigures(options, kinds, report),
    retrieval: () => retrievalFigures(options, report),
    splitter: () => splitterFigures(options, report),
    queue: () => queueFigures(options, report),
    cache: () => cacheFigures(options, report, mswProviderSetup()),
    gateway: () => gatewayFigures(options, report),
    slack: () => slackFigures(options, kinds, report),
    'slack-feedback': () => slackFeedbackFigures(options, kinds, report),
    email: () => emailFigures(options, kinds, report),
    discord: () => discordFigures(options, kinds, report),
    peer: () => peerFigures(options, report),
    responsiveness: () => responsivenessFigures(options, kinds, report),
    scale: () => scaleFigures(options, report),
    startup: () => startupFigures(options, report),
  }
  const unknown = (options.only ?? []).filter((name) => !(name in sections))
  if (unknown.length > 0) throw new Error(`unknown bench section(s): ${unknown.join(', ')}; known: ${Object.keys(sections).join(', ')}`)
  for (const [name, run] of Object.entries(sections)) {
    if (options.only === null || options.only.includes(name)) await run()
  }

  report.memory('end')
  report.line(`done in ${round2((performance.now() - started) / 1000)} s`)
  report.flush()
}

async function ingestFigures(options: BenchOptions, kinds: readonly DatabaseKind[], report: Report): Promise<void> {
  const pdfs = readCorpusPdfs(options.maxPdfBytes)
  const bytes = pdfs.reduce((sum, p) => sum + p.bytes.byteLength, 0)
  report.line(
    `\n1. Ingest throughput: ${pdfs.length} PDFs from ../shared/corpus/pdf (${round2(bytes / 1024 / 1024)} MB` +
      `${options.quick ? ', quick: files ≤ 300 KB only' : ', the whole folder'}), INGEST_CONCURRENCY=2; pages and chunks of the documents that ended indexed (target ≥ 50 pages/s on PGlite)`,
  )
  for (const kind of kinds) {
    await withDatabase(kind, options, async (db) => {
      report.line(`  ${kind}: ${db.location}`)
      report.figure(await runIngestBench(db, pdfs, report))
    })
    report.memory(`ingest ${kind}`)
  }
}

async function retrievalFigures(options: BenchOptions, report: Report): Promise<void> {
  const corpus = loadScifactCorpus()
  const queries = loadScifactQueries()
  const warmup = queries.other.slice(0, options.warmupQueries)
  report.line(
    `\n2. Retrieval latency of createHybridRetriever().retrieve(scope, question, 8) at ${options.retrievalSizes.join(' and ')} chunks:` +
      ` ${queries.test.length} SciFact test claims, timed one at a time after ${warmup.length} other claims as warm-up.` +
      ` Chunks: ${corpus.length} SciFact abstracts → paragraph blocks → chunkDocument → indexChunks → replaceChunks (no parser),` +
      ` planner statistics refreshed by the core's analyze-scheduler; the engines load at the same time, then are timed one by one; past one copy of the corpus it is repeated as distinct documents. Target: p95 ≤ 50 ms at 100k on PostgreSQL`,
  )
  await runRetrievalStages(options, corpus, { test: queries.test, warmup }, report)
}

async function splitterFigures(options: BenchOptions, report: Report): Promise<void> {
  const rounds = options.splitterRounds
  report.line(
    `\n4. Chunking: our chunkDocument (target ${defaultChunkOptions.targetChars} / max ${defaultChunkOptions.maxChars} / overlap ${defaultChunkOptions.overlapChars} chars) vs LangChain.js RecursiveCharacterTextSplitter` +
      ` (chunkSize ${langchainSettings.chunkSize}, chunkOverlap ${langchainSettings.chunkOverlap}), same texts, same process, at least ${rounds} timed round(s) and ${options.splitterMinSeconds} s per side after a warm-up`,
  )
  const corpus = await parsedCorpusTexts(options.splitterMinPdfBytes)
  if (corpus.skipped.length > 0) report.line(`  left out (did not parse): ${corpus.skipped.join(', ')}`)
  for (const set of [scifactTexts(loadScifactCorpus()), corpus]) {
    const figure = await compareSplitters(set, rounds, options.splitterMinSeconds)
    report.line(
      `  ${set.description}:\n    ours ${figure.ours_chunks} chunks (avg ${figure.ours_avg_chars} chars), ${figure.ours_chunks_per_s} chunks/s, ${figure.ours_mchars_per_s} M chars/s;` +
        ` LangChain ${figure.langchain_chunks} chunks (avg ${figure.langchain_avg_chars} chars), ${figure.langchain_chunks_per_s} chunks/s, ${figure.langchain_mchars_per_s} M chars/s;` +
        ` ratio ours/LangChain: ${figure.chunks_per_s_ratio}× chunks/s, ${figure.chars_per_s_ratio}× input chars/s`,
    )
    report.figure(figure)
  }
  report.line('  LangChain.js PGVectorStore: compared end to end in the peer section (`npm run bench -- --only peer`)')
  report.memory('splitters')
}

/** Opens a fresh database of that kind, runs `use`, and always removes it. */
async function withDatabase(kind: DatabaseKind, options: BenchOptions, use: (db: BenchDatabase) => Promise<void>): Promise<void> {
  const db = kind === 'pglite' ? await openBenchPglite() : await openBenchPostgres(requireUrl(options))
  try {
    await use(db)
  } finally {
    await db.dispose()
  }
}

function requireUrl(options: BenchOptions): string {
  if (!options.postgresUrl) throw new Error('PostgreSQL requested without a URL')
  return options.postgresUrl
}

/** Host and database only: a URL may carry a password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`
  } catch {
    return 'PostgreSQL'
  }
}

await main()
