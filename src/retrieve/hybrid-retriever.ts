import { sql } from 'drizzle-orm'
import { type Orm, selectRows } from '../db/database.ts'
import type { Embedder } from '../embed/embedder.ts'
import { idf, queryTerms, toSparsevecLiteral } from '../lexical/bm25.ts'
import { fuseRankings } from './fuse-rankings.ts'
import type { Scope } from './scope.ts'
import { lexicalPrefilter } from './lexical-prefilter.ts'

export interface RetrievedChunk {
  chunkId: number
  documentId: string
  text: string
  page: number | null
  headingPath: string | null
  title: string
  source: string
  link: string | null
  /** Fused rank score (reciprocal rank fusion). */
  fused: number
  bm25: number
  cosine: number | null
}

export interface RetrievalResult {
  chunks: RetrievedChunk[]
  /** IDF of each query term id, for the relevance gate and sentence scoring. */
  termWeights: Map<number, number>
}

export interface RetrieverOptions {
  /** Candidates taken from each list before fusion. */
  candidates: number
  lexicalWeight: number
  denseWeight: number
  efSearch: number
}

export const defaultRetrieverOptions: RetrieverOptions = {
  candidates: 40,
  lexicalWeight: 1,
  denseWeight: 0.5,
  efSearch: 80,
}

/**
 * Hybrid retrieval: BM25 (sparse inner product, candidates found through the
 * full-text index) and dense cosine (HNSW), fused by rank. The scope is part of
 * both WHERE clauses, so nothing outside it can ever be a candidate.
 */
export function createHybridRetriever(orm: Orm, embedder: Embedder, options: RetrieverOptions = defaultRetrieverOptions) {
  const dims = embedder.dimensions
  const scopeFilter = (scope: Scope) =>
    scope.channel === null
      ? sql`c.workspace_id = ${scope.workspaceId} and c.visibility = 'workspace'`
      : sql`c.workspace_id = ${scope.workspaceId} and (c.visibility = 'workspace' or c.visibility = ${scope.channel})`

  async function termWeightsFor(scope: Scope, question: string): Promise<Map<number, number>> {
    const terms = queryTerms(question)
    if (terms.size === 0) return new Map()
    const ids = `{${[...terms.keys()].join(',')}}`
    const rows = await selectRows<{ term: number; df: number }>(
      orm,
      sql`select term, df from term_stats where workspace_id = ${scope.workspaceId} and term = any(${ids}::int[])`,
    )
    const n = await workspaceChunkCount(scope.workspaceId)
    const dfs = new Map(rows.map((r) => [Number(r.term), Number(r.df)]))
    // A word no document in the workspace contains would otherwise get the
    // highest IDF of all and outweigh every word that does match; it counts as
    // much as the rarest known word instead, so the gate still sees it missing.
    const knownIdfs = [...terms.keys()].filter((t) => (dfs.get(t) ?? 0) > 0).map((t) => idf(n, dfs.get(t) ?? 0))
    const unknownIdf = knownIdfs.length > 0 ? Math.max(...knownIdfs) : idf(n, 0)
    const weights = new Map<number, number>()
    for (const [term, count] of terms) {
      const df = dfs.get(term) ?? 0
      weights.set(term, count * (df > 0 ? idf(n, df) : unknownIdf))
    }
    return weights
  }

  async function workspaceChunkCount(workspaceId: string): Promise<number> {
    const rows = await selectRows<{ n: number }>(orm, sql`select chunk_count as n from workspaces where id = ${workspaceId}`)
    return Number(rows[0]?.n ?? 0)
  }

  async function lexicalSearch(scope: Scope, question: string, weights: Map<number, number>) {
    const tsquery = lexicalPrefilter(question)
    if (weights.size === 0 || tsquery === null) return []
    const query = toSparsevecLiteral(weights)
    return await selectRows<{ id: number; score: number }>(
      orm,
      sql`select c.id, -(c.lexical <#> ${query}::sparsevec) as score
          from chunks c
          where ${scopeFilter(scope)} and c.tsv @@ to_tsquery('simple', ${tsquery})
          order by c.lexical <#> ${query}::sparsevec
          limit ${options.candidates}`,
    )
  }

  async function denseSearch(scope: Scope, question: string) {
    const [vector] = await embedder.embed([question], 'query')
    if (!vector) return []
    const literal = `[${vector.join(',')}]`
    // HNSW with a WHERE clause needs iterative scans, or a small scope could
    // come back with too few rows; both settings are local to this transaction.
    return await orm.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local hnsw.ef_search = ${Math.trunc(options.efSearch)}`))
      await tx.execute(sql.raw(`set local hnsw.iterative_scan = relaxed_order`))
      const rows = await selectRows<{ id: number; distance: number }>(
        tx,
        sql`select c.id, (c.embedding::vector(${sql.raw(String(dims))})) <=> ${literal}::vector(${sql.raw(String(dims))}) as distance
            from chunks c
            where c.embedding_model = ${embedder.model} and ${scopeFilter(scope)}
            order by distance
            limit ${options.candidates}`,
      )
      return rows.sort((a, b) => Number(a.distance) - Number(b.distance))
    })
  }

  return {
    async retrieve(scope: Scope, question: string, limit: number): Promise<RetrievalResult> {
      const termWeights = await termWeightsFor(scope, question)
      const [lexical, dense] = await Promise.all([lexicalSearch(scope, question, termWeights), denseSearch(scope, question)])
      const bm25 = new Map(lexical.map((r) => [Number(r.id), Number(r.score)]))
      const cosine = new Map(dense.map((r) => [Number(r.id), 1 - Number(r.distance)]))
      const fused = fuseRankings([
        { ids: lexical.map((r) => Number(r.id)), weight: options.lexicalWeight },
        { ids: dense.map((r) => Number(r.id)), weight: options.denseWeight },
      ])
      const top = [...fused.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)
      if (top.length === 0) return { chunks: [], termWeights }
      const details = await chunkDetails(top.map(([id]) => id))
      const chunks = top.flatMap(([id, score]) => {
        const detail = details.get(id)
        if (!detail) return []
        return [{ ...detail, fused: score, bm25: bm25.get(id) ?? 0, cosine: cosine.get(id) ?? null }]
      })
      return { chunks, termWeights }
    },
  }

  async function chunkDetails(ids: number[]) {
    const rows = await selectRows<{
      id: number
      document_id: string
      text: string
      page: number | null
      heading_path: string | null
      title: string
      source_label: string
      link: string | null
    }>(
      orm,
      sql`select c.id, c.document_id, c.text, c.page, c.heading_path, d.title, d.source_label, d.link
          from chunks c join documents d on d.id = c.document_id
          where c.id = any(${`{${ids.join(',')}}`}::bigint[])`,
    )
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          chunkId: Number(r.id),
          documentId: r.document_id,
          text: r.text,
          page: r.page === null ? null : Number(r.page),
          headingPath: r.heading_path,
          title: r.title,
          source: r.source_label,
          link: r.link,
        },
      ]),
    )
  }
}

export type HybridRetriever = ReturnType<typeof createHybridRetriever>
