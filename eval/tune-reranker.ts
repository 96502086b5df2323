/**
 * `node --import tsx eval/tune-reranker.ts --data-dir DIR [--split train]`:
 * learns the second stage's weights by grid search on SciFact (the index that
 * `npm run eval -- --data-dir DIR` left in DIR). Each question is retrieved
 * once, 60 deep, with its evidence; every weighting is then scored offline.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { openPglite } from '../src/store/db/open-pglite.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { rewardedTypes } from '../src/retrieve/question/answer-type.ts'
import { createQuestionLexicon } from '../src/retrieve/question/question-lexicon.ts'
import { type RetrievedChunk, createHybridRetriever, defaultRetrieverOptions } from '../src/retrieve/hybrid-retriever.ts'
import { type RerankWeights, rerankWeights, secondStageScore } from '../src/retrieve/rerank-passages.ts'
import { buildRuntime } from '../src/runtime.ts'
import { findWorkspace } from '../src/store/workspace-store.ts'
import { ndcgAtK } from './ranking-metrics.ts'
import { loadBeir } from './scifact-data.ts'

const args = process.argv.slice(2)
const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined)
const dataDir = valueOf('--data-dir')
if (!dataDir) throw new Error('--data-dir DIR: the folder `npm run eval -- --data-dir DIR` indexed SciFact into')
const split = valueOf('--split') === 'test' ? 'test' : 'train'
const repoRoot = resolve(fileURLToPath(import.meta.url), '../..')
const { queries, qrels } = loadBeir(resolve(repoRoot, '../shared/eval/scifact'), split)
const database = await openPglite(resolve(dataDir))
const runtime = await buildRuntime(loadConfig({ ...process.env, CACHE_TTL_SECONDS: '0' }), silentLogger, { database })
const ws = await findWorkspace(database.orm, { platform: 'local', externalId: 'scifact' })
if (!ws) throw new Error(`no SciFact index in ${dataDir}`)
const idOf = new Map((await runtime.core.listDocuments({ workspace: 'scifact', limit: 1_000_000 })).map((d) => [d.id, d.source]))
const retriever = createHybridRetriever(database.orm, runtime.embedder, { ...defaultRetrieverOptions, rerank: false }, { lexicon: createQuestionLexicon() })

const pools: Array<{ id: string; chunks: RetrievedChunk[]; typed: boolean }> = []
for (const query of queries) {
  const result = await retriever.retrieve({ workspaceId: ws.id, channel: null }, query.text, 60)
  pools.push({ id: query.id, chunks: result.chunks, typed: rewardedTypes.has(result.question.analysis.answerType) })
}

function ndcgWith(weights: RerankWeights): number {
  let total = 0
  for (const pool of pools) {
    const best = Math.max(Number.EPSILON, ...pool.chunks.map((c) => c.score))
    const ranked = pool.chunks
      .map((c) => ({ doc: idOf.get(c.documentId) ?? '', score: secondStageScore(c.score / best, c.evidence, pool.typed, weights) }))
      .sort((a, b) => b.score - a.score)
    const docs: string[] = []
    for (const r of ranked) if (!docs.includes(r.doc)) docs.push(r.doc)
    total += ndcgAtK(docs, qrels.get(pool.id) ?? new Map(), 10)
  }
  return total / pools.length
}

const results: Array<{ weights: RerankWeights; ndcg: number }> = []
for (const fused of [0.3, 0.45, 0.6, 0.75, 0.9])
  for (const coverage of [0, 0.1, 0.2, 0.3])
    for (const sentence of [0, 0.1, 0.2, 0.3]) {
      const weights = { ...rerankWeights, fused, coverage, sentence }
      results.push({ weights, ndcg: ndcgWith(weights) })
    }
results.sort((a, b) => b.ndcg - a.ndcg)
console.log(`SciFact ${split}, ${pools.length} queries; first stage alone: ${ndcgWith({ ...rerankWeights, fused: 1, coverage: 0, sentence: 0 }).toFixed(3)}; current weights: ${ndcgWith(rerankWeights).toFixed(3)}`)
for (const r of results.slice(0, 8)) console.log(`nDCG@10 ${r.ndcg.toFixed(3)}  fused ${r.weights.fused}  coverage ${r.weights.coverage}  sentence ${r.weights.sentence}`)
await runtime.close()
await database.close()
