/**
 * `npm run eval`: retrieval quality on BEIR SciFact, through the product's own
 * pipeline (parser workers, chunker, BM25 + local embeddings, hybrid SQL).
 * Options: --split train (tune there, report test), --postgres (use DATABASE_URL),
 * --qa <file> (the corpus-qa development set instead, see run-corpus-qa.ts).
 */
import { performance } from 'node:perf_hooks'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { openPglite } from '../src/store/db/open-pglite.ts'
import { openPostgres } from '../src/store/db/open-postgres.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { type RetrieverOptions, createHybridRetriever, defaultRetrieverOptions } from '../src/retrieve/hybrid-retriever.ts'
import { buildRuntime } from '../src/runtime.ts'
import { createQuestionLexicon } from '../src/retrieve/question/question-lexicon.ts'
import { findWorkspace } from '../src/store/workspace-store.ts'
import { ndcgAtK, recallAtK } from './ranking-metrics.ts'
import { loadBeir } from './scifact-data.ts'
import { runCorpusQa } from './run-corpus-qa.ts'

const BM25_PUBLISHED = 0.665
const repoRoot = resolve(fileURLToPath(import.meta.url), '../..')
const args = process.argv.slice(2)
const split = args.includes('--split') && args[args.indexOf('--split') + 1] === 'train' ? 'train' : 'test'
const usePostgres = args.includes('--postgres')
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined)

// --qa <file>: the corpus-qa line instead (plus --data-dir <dir> to keep the index between runs, --misses).
const qaFile = valueOf('--qa')
if (qaFile) {
  await runCorpusQa({
    qaFile: resolve(qaFile),
    corpusRoot: resolve(repoRoot, '../shared/corpus'),
    ...(valueOf('--data-dir') ? { dataDir: resolve(valueOf('--data-dir') as string) } : {}),
    postgres: usePostgres,
    showMisses: args.includes('--misses'),
  })
  process.exit(0)
}

const { corpus, queries, qrels } = loadBeir(resolve(repoRoot, '../shared/eval/scifact'), split)
console.log(`SciFact ${split}: ${corpus.length} abstracts, ${queries.length} queries`)

const config = loadConfig({ ...process.env, INGEST_CONCURRENCY: process.env.INGEST_CONCURRENCY ?? '2' })
// --data-dir <dir>: keep the indexed abstracts there and reuse them on the next run (tuning).
const dataDir = valueOf('--data-dir')
const database = usePostgres && config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(dataDir ? resolve(dataDir) : undefined)
const runtime = await buildRuntime(config, silentLogger, { database })
const workspace = dataDir ? 'scifact' : `scifact-${Date.now()}`
const lexicon = createQuestionLexicon()

const ingestStarted = performance.now()
const idByDocument = new Map<string, string>()
const kept = dataDir ? await runtime.core.listDocuments({ workspace, limit: 1_000_000 }) : []
for (const doc of kept) idByDocument.set(doc.id, doc.source)
for (const doc of kept.length > 0 ? [] : corpus) {
  const receipt = await runtime.core.ingest({
    workspace,
    visibleIn: null,
    bytes: new TextEncoder().encode(`${doc.text}\n`),
    filename: `${doc.id}.txt`,
    title: doc.title,
    source: 'api',
    sourceRef: doc.id,
  })
  if (receipt.documentId) idByDocument.set(receipt.documentId, doc.id)
}
for (;;) {
  await runtime.core.idle()
  const stats = await runtime.core.stats()
  if (stats.documents.pending + stats.documents.processing === 0) break
}
const stats = await runtime.core.stats()
console.log(
  `indexed ${stats.documents.indexed} documents (${stats.documents.failed} failed), ${stats.chunks} chunks in ${((performance.now() - ingestStarted) / 1000).toFixed(1)} s on ${database.kind}`,
)

const ws = await findWorkspace(database.orm, { platform: 'local', externalId: workspace })
if (!ws) throw new Error('workspace missing after ingest')

const variants: Array<[string, RetrieverOptions]> = [
  ['hybrid', defaultRetrieverOptions],
  ['hybrid, first stage only', { ...defaultRetrieverOptions, expand: false, rerank: false }],
  ['hybrid, no related words', { ...defaultRetrieverOptions, expand: false }],
  ['hybrid, no reranker', { ...defaultRetrieverOptions, rerank: false }],
  // The default has no HNSW list for the local embedder (its cosine still counts in fusion): this adds it back.
  ['hybrid, with a dense list', { ...defaultRetrieverOptions, hashingDenseList: true }],
  ['bm25 only', { ...defaultRetrieverOptions, denseWeight: 0, expand: false, rerank: false }],
  ['local embeddings only', { ...defaultRetrieverOptions, lexicalWeight: 0, denseWeight: 1, expand: false, rerank: false, hashingDenseList: true }],
]
// --tune: a grid over the fusion weight and the candidate prefilter (use with --split train).
if (args.includes('--tune')) {
  for (const denseWeight of [0.05, 0.1, 0.3, 0.5]) variants.push([`dense weight ${denseWeight}`, { ...defaultRetrieverOptions, denseWeight }])
  for (const candidateBudget of [1000, 3000, 10_000, 1_000_000]) {
    variants.push([`bm25, budget ${candidateBudget}`, { ...defaultRetrieverOptions, denseWeight: 0, candidateBudget }])
  }
}
// --variants "hybrid;bm25 only": only those (tuning runs one or two, not all six).
const chosen = valueOf('--variants')?.split(';').map((v) => v.trim())
const figures: Array<Record<string, unknown>> = []
for (const [name, options] of variants.filter(([name]) => !chosen || chosen.includes(name))) {
  const retriever = createHybridRetriever(database.orm, runtime.embedder, options, { lexicon })
  let ndcg = 0
  let recall = 0
  const started = performance.now()
  for (const query of queries) {
    const { chunks } = await retriever.retrieve({ workspaceId: ws.id, channel: null }, query.text, 60)
    const ranked: string[] = []
    for (const chunk of chunks) {
      const docId = idByDocument.get(chunk.documentId)
      if (docId && !ranked.includes(docId)) ranked.push(docId)
    }
    const relevant = qrels.get(query.id) ?? new Map<string, number>()
    ndcg += ndcgAtK(ranked, relevant, 10)
    recall += recallAtK(ranked, relevant, 10)
  }
  const n = queries.length
  const ms = (performance.now() - started) / n
  console.log(`${name.padEnd(22)} nDCG@10 ${(ndcg / n).toFixed(3)}  recall@10 ${(recall / n).toFixed(3)}  (${ms.toFixed(1)} ms/query)`)
  if (name === 'hybrid') {
    figures.push({
      figure: 'scifact',
      split,
      'ndcg@10': round(ndcg / n),
      'recall@10': round(recall / n),
      queries: n,
      bm25_published: BM25_PUBLISHED,
      db: database.kind,
    })
  } else {
    figures.push({ figure: `scifact:${name.replace(/\s+/g, '_')}`, split, 'ndcg@10': round(ndcg / n), 'recall@10': round(recall / n), queries: n })
  }
}
console.log(`published BM25 (BEIR, Elasticsearch) nDCG@10: ${BM25_PUBLISHED}`)
for (const figure of figures) console.log(JSON.stringify(figure))
await runtime.close()
await database.close()

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
