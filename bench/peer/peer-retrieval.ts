import { sql } from 'drizzle-orm'
import pg from 'pg'
import { selectRows } from '../../src/store/db/database.ts'
import type { createHashingEmbedder } from '../../src/models/embed/hashing-embedder.ts'
import type { BuiltModules } from '../built-modules.ts'
import { createEmptyBenchPostgres, openBenchPostgres } from '../bench-databases.ts'
import type { BenchOptions } from '../bench-options.ts'
import { summarizeLatencies } from '../latency-summary.ts'
import { startRemoteChunkLoader } from '../remote-chunk-loader.ts'
import type { Report } from '../report.ts'
import type { ScifactDoc, ScifactQuery } from '../scifact.ts'
import { createLangchainChunkLoader } from './langchain-chunk-loader.ts'
import { openLangchainStore } from './langchain-pipeline.ts'
import { round2 } from '../latency-summary.ts'

export const PEER_K = 10
/** Documents the DocuQuery loader stores at a time, from its worker thread (as the retrieval section loads). */
const DOCUQUERY_LOAD_WORKERS = 4

/**
 * Retrieval latency of both systems on the same chunks in two fresh databases
 * on the same server: DocuQuery's hybrid retriever (createHybridRetriever,
 * scoped, as `ask` calls it) and PGVectorStore.similaritySearch (vector only).
 * Both load up to each size at the same time (DocuQuery from a worker thread),
 * then answer the same claims taking turns, the first system alternating from
 * claim to claim, after a warm-up with claims that are not measured.
 */
export async function runPeerRetrieval(
  built: BuiltModules,
  options: BenchOptions,
  adminUrl: string,
  corpus: readonly ScifactDoc[],
  queries: { test: readonly ScifactQuery[]; warmup: readonly ScifactQuery[] },
  report: Report,
): Promise<void> {
  const dq = await openBenchPostgres(adminUrl, { asyncCommit: true, openers: built })
  const lcDb = await createEmptyBenchPostgres(adminUrl, { asyncCommit: true })
  const loader = await startRemoteChunkLoader({ url: dq.url ?? adminUrl, workers: DOCUQUERY_LOAD_WORKERS })
  const lc = await openLangchainStore(lcDb.url)
  const lcLoader = createLangchainChunkLoader(lc, corpus)
  const embedder = built.createHashingEmbedder()
  const lexicon = built.createQuestionLexicon()
  try {
    report.line(`  DocuQuery: ${dq.location}; LangChain.js: ${lcDb.name} (both synchronous_commit=off: throw-away databases filled to be read; both vacuumed after each load)`)
    for (const size of options.peerRetrievalSizes) {
      const [dqLoad, lcSeconds] = await Promise.all([loader.loadUpTo(size), lcLoader.loadUpTo(size)])
      // The same abstracts on both sides: DocuQuery's workers may have stored a few more.
      await lcLoader.loadUpTo(0, dqLoad.progress.documents)
      report.line(
        `  ${size}: DocuQuery ${dqLoad.progress.chunks} chunks / ${dqLoad.progress.documents} documents, LangChain ${lcLoader.progress.chunks} / ${lcLoader.progress.documents}` +
          ` (loaded at the same time in ${round2(dqLoad.seconds)} s and ${round2(lcSeconds)} s)`,
      )
      // Freshly loaded tables have no visibility map and unset hint bits: autovacuum would see to both
      // within minutes of a real load, perhaps in the middle of the timing. Both are vacuumed first.
      await dq.database.orm.execute(sql`vacuum (analyze) chunks, documents, term_stats`)
      await vacuumLangchain(lcDb.url)
      const scope = loader.scope
      // A new retriever for each size: what reranking keeps of passages read for a smaller size's
      // claims (the same claims) would otherwise make the larger sizes look faster.
      // With the related-word lexicon, as the service builds it (src/runtime.ts): questions are expanded as `ask` expands them.
      const retriever = built.createHybridRetriever(dq.database.orm, embedder, undefined, { lexicon })
      const dqRun = (text: string) => retriever.retrieve(scope, text, PEER_K)
      const lcRun = (text: string) => lc.store.similaritySearch(text, PEER_K)
      for (const q of queries.warmup) {
        await dqRun(q.text)
        await lcRun(q.text)
      }
      const dqSamples: number[] = []
      const lcSamples: number[] = []
      let dqEmpty = 0
      for (const [i, q] of queries.test.entries()) {
        const timeDq = async () => {
          const start = performance.now()
          const result = await dqRun(q.text)
          dqSamples.push(performance.now() - start)
          if (result.chunks.length === 0) dqEmpty++
        }
        const timeLc = async () => {
          const start = performance.now()
          await lcRun(q.text)
          lcSamples.push(performance.now() - start)
        }
        if (i % 2 === 0) {
          await timeDq()
          await timeLc()
        } else {
          await timeLc()
          await timeDq()
        }
      }
      const d = summarizeLatencies(dqSamples)
      const l = summarizeLatencies(lcSamples)
      const plan = await langchainPlan(lcDb.url, embedder)
      const dqRows = await selectRows<{ n: number }>(dq.database.orm, sql`select count(*)::int as n from chunks`)
      report.line(
        `    DocuQuery hybrid p50 ${d.p50} ms, p95 ${d.p95} ms; LangChain.js vector p50 ${l.p50} ms, p95 ${l.p95} ms over ${d.n} claims, k=${PEER_K}` +
          ` → DocuQuery/LangChain ${ratio(d.p50, l.p50)}× at p50, ${ratio(d.p95, l.p95)}× at p95 (LangChain plan: ${plan}${dqEmpty > 0 ? `; DocuQuery empty results ${dqEmpty}` : ''})`,
      )
      report.figure({
        figure: `peer:retrieval:${label(size)}`,
        db: 'postgres',
        target_chunks: size,
        docuquery_chunks: Number(dqRows[0]?.n ?? dqLoad.progress.chunks),
        langchain_chunks: lcLoader.progress.chunks,
        queries: d.n,
        k: PEER_K,
        docuquery_p50_ms: d.p50,
        docuquery_p95_ms: d.p95,
        langchain_p50_ms: l.p50,
        langchain_p95_ms: l.p95,
        p50_ratio: ratio(d.p50, l.p50),
        p95_ratio: ratio(d.p95, l.p95),
        langchain_uses_hnsw: plan.includes('hnsw'),
      })
      report.memory(`peer retrieval at ${size} chunks`)
    }
  } finally {
    lexicon.close()
    await lc.close()
    await loader.close()
    await dq.dispose()
    await lcDb.dispose()
  }
}

const ratio = (ours: number, theirs: number): number => (theirs > 0 ? round2(ours / theirs) : 0)
const label = (size: number): string => (size % 1000 === 0 ? `${size / 1000}k` : String(size))

/** How PostgreSQL runs PGVectorStore's search (its SQL, one query), to show whether the HNSW index is used. */
async function vacuumLangchain(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('vacuum (analyze) langchain_chunks')
  } finally {
    await client.end()
  }
}

async function langchainPlan(url: string, embedder: ReturnType<typeof createHashingEmbedder>): Promise<string> {
  const [vector] = await embedder.embed(['plan probe'], 'query')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `explain select *, "embedding" <=> $1 as "_distance" from langchain_chunks order by "_distance" asc limit ${PEER_K}`,
      [`[${(vector ?? []).join(',')}]`],
    )
    const scan = rows.map((r) => r['QUERY PLAN']).find((line) => /Scan/.test(line)) ?? 'unknown'
    return scan.trim().replace(/\s+\(cost.*$/, '')
  } finally {
    await client.end()
  }
}
