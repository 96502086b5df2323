import { createStageTotals } from '../../src/ingest/ingest-profile.ts'
import type { BenchOptions } from '../bench-options.ts'
import { type BuiltModules, loadBuiltModules } from '../built-modules.ts'
import type { Report } from '../report.ts'
import { loadScifactCorpus, loadScifactQueries } from '../scifact.ts'
import type { LangchainStageTimes } from './langchain-pipeline.ts'
import { round2 } from '../latency-summary.ts'
import { describeProfile, docuqueryIngestRound, langchainIngestRound, median, profileFigure } from './peer-ingest.ts'
import { pdfsBothCanOpen } from './peer-pdfs.ts'
import { runPeerRetrieval } from './peer-retrieval.ts'

/**
 * `--only peer`: DocuQuery against the pipeline a TypeScript developer would
 * write with LangChain.js (PDFLoader → RecursiveCharacterTextSplitter 1000/200
 * → PGVectorStore with HNSW), with DocuQuery's own embedder behind LangChain's
 * Embeddings class, in fresh databases on the same PostgreSQL server.
 */
export async function peerFigures(options: BenchOptions, report: Report): Promise<void> {
  const adminUrl = options.postgresUrl
  report.line('\nP. Peer: LangChain.js PDFLoader → RecursiveCharacterTextSplitter (1000/200) → PGVectorStore (pg, HNSW), same embedder, same PostgreSQL server')
  if (!adminUrl) {
    const reason = 'needs PostgreSQL: set DATABASE_URL_BENCH or TEST_DATABASE_URL'
    report.line(`  skipped (${reason})`)
    report.figure({ figure: 'peer:ingest', skipped: true, reason })
    return
  }
  // DocuQuery as users run it (dist/, compiled), not through the bench's TypeScript loader.
  const built = await loadBuiltModules()
  report.line('  DocuQuery runs from its compiled modules (dist/), as `npm start` and the docuquery bin do; `npm run bench` builds them first.')
  await peerIngest(built, options, adminUrl, report)
  if (options.peerRetrievalSizes.length === 0) return
  const queries = loadScifactQueries()
  const test = queries.test.slice(0, options.peerQueries)
  const warmup = queries.other.slice(0, options.quick ? 10 : options.warmupQueries)
  report.line(
    `\n  Retrieval at ${options.peerRetrievalSizes.join(', ')} chunks: ${test.length} SciFact test claims, k=10, each answered by both in turn (who goes first alternates) after ${warmup.length} other claims as warm-up;` +
      ' DocuQuery createHybridRetriever().retrieve (hybrid, scoped) vs PGVectorStore.similaritySearch (vector only); both include embedding the claim',
  )
  await runPeerRetrieval(built, options, adminUrl, loadScifactCorpus(), { test, warmup }, report)
}

async function peerIngest(built: BuiltModules, options: BenchOptions, adminUrl: string, report: Report): Promise<void> {
  const { pdfs, leftOut } = await pdfsBothCanOpen(options.peerMaxPdfBytes)
  const pages = pdfs.reduce((sum, p) => sum + p.pages, 0)
  const rounds = options.peerIngestRounds
  report.line(
    `  Ingest: the ${pdfs.length} corpus PDFs both can open (${pages} pages${options.quick ? ', quick: files ≤ 100 KB only' : ''}), ${rounds} rounds in alternating order, fresh databases each round; pages/s = ${pages} pages ÷ wall time; median of the rounds.` +
      ` DocuQuery: INGEST_CONCURRENCY=2, PARSE_TIMEOUT_MS=600000, parse workers started before the clock (as in the running service), from the first submit until all are indexed. LangChain: one file after another, as its documentation does.`,
  )
  if (leftOut.length > 0) report.line(`  left out: ${leftOut.join(', ')}`)

  const lcTimes: LangchainStageTimes = { loadMs: 0, splitMs: 0, storeMs: 0, chunks: 0 }
  let lcEmbedMs = 0
  const pgTotals = createStageTotals()
  const lcSeconds: number[] = []
  const dqSeconds: number[] = []
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['langchain', 'docuquery'] as const) : (['docuquery', 'langchain'] as const)
    for (const system of order) {
      if (system === 'langchain') {
        const result = await langchainIngestRound(adminUrl, pdfs, lcTimes)
        lcEmbedMs += result.embedMs
        lcSeconds.push(result.seconds)
        if (result.missing.length > 0) report.line(`    LangChain gave no chunk for: ${result.missing.join(', ')}`)
      } else {
        const result = await docuqueryIngestRound(built, 'postgres', adminUrl, pdfs, pgTotals)
        dqSeconds.push(result.seconds)
        if (result.missing.length > 0) report.line(`    DocuQuery did not index: ${result.missing.join(', ')}`)
      }
    }
    report.line(`    round ${round + 1} (${order.join(' then ')}): LangChain ${round2(lcSeconds[round] ?? 0)} s, DocuQuery ${round2(dqSeconds[round] ?? 0)} s`)
  }
  const lcRate = pages / median(lcSeconds)
  const dqRate = pages / median(dqSeconds)
  report.line(`  ingest on postgres: LangChain.js ${round2(lcRate)} pages/s, DocuQuery ${round2(dqRate)} pages/s → DocuQuery ${round2(dqRate / lcRate)}× (target ≥ 2×)`)
  report.figure({
    figure: 'peer:ingest',
    db: 'postgres',
    pdfs: pdfs.length,
    pages,
    rounds,
    langchain_pages_per_s: round2(lcRate),
    docuquery_pages_per_s: round2(dqRate),
    ratio: round2(dqRate / lcRate),
    langchain_seconds: lcSeconds.map(round2).join('/'),
    docuquery_seconds: dqSeconds.map(round2).join('/'),
    langchain_chunks: Math.round(lcTimes.chunks / rounds),
  })
  const lcProfile = {
    figure: 'peer:ingest:profile',
    system: 'langchain',
    db: 'postgres',
    rounds,
    load_ms: Math.round(lcTimes.loadMs / rounds),
    split_ms: Math.round(lcTimes.splitMs / rounds),
    embed_ms: Math.round(lcEmbedMs / rounds),
    insert_ms: Math.round((lcTimes.storeMs - lcEmbedMs) / rounds),
  }
  const pgProfile = { ...profileFigure('peer:ingest:profile', 'postgres', pgTotals, rounds, dqSeconds.reduce((a, b) => a + b, 0)), system: 'docuquery' }
  report.line(`  profile per round, LangChain.js: load ${lcProfile.load_ms} ms, split ${lcProfile.split_ms} ms, embed ${lcProfile.embed_ms} ms, insert ${lcProfile.insert_ms} ms`)
  report.line(`  profile per round, DocuQuery on postgres (stage times of documents in flight overlap): ${describeProfile(pgProfile)}`)
  report.figure(lcProfile)
  report.figure(pgProfile)

  const pgliteTotals = createStageTotals()
  const pgliteSeconds: number[] = []
  for (let round = 0; round < options.peerPgliteRounds; round++) {
    const result = await docuqueryIngestRound(built, 'pglite', null, pdfs, pgliteTotals)
    pgliteSeconds.push(result.seconds)
    if (result.missing.length > 0) report.line(`    DocuQuery on PGlite did not index: ${result.missing.join(', ')}`)
  }
  const pgliteRate = pages / median(pgliteSeconds)
  const pgliteProfile = {
    ...profileFigure('peer:ingest:profile', 'pglite', pgliteTotals, pgliteSeconds.length, pgliteSeconds.reduce((a, b) => a + b, 0)),
    system: 'docuquery',
  }
  report.line(`  ingest on pglite: DocuQuery ${round2(pgliteRate)} pages/s (${pgliteSeconds.map(round2).join('/')} s; target ≥ 50 pages/s)`)
  report.line(`  profile per round, DocuQuery on pglite: ${describeProfile(pgliteProfile)}`)
  report.figure({ figure: 'peer:ingest:pglite', db: 'pglite', pdfs: pdfs.length, pages, rounds: pgliteSeconds.length, docuquery_pages_per_s: round2(pgliteRate), docuquery_seconds: pgliteSeconds.map(round2).join('/') })
  report.figure(pgliteProfile)
  report.memory('peer ingest')
}
