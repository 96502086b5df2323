import { sql } from 'drizzle-orm'
import { type Orm, selectRows } from '../db/database.ts'
import type { Embedder } from '../embed/embedder.ts'
import { idf, queryTerms, toSparsevecLiteral } from '../lexical/bm25.ts'
import { fuseScores, type CandidateScores } from './fuse-scores.ts'
import { lexicalPrefilter, selectiveTerms } from './lexical-prefilter.ts'
import type { Scope } from './scope.ts'

export interface RetrievedChunk {
  chunkId: number
  documentId: string
  text: string
  page: number | null
  headingPath: string | null
  title: string
  source: string
  link: string | null
  /** Fused score used for ranking. */
  score: number
  bm25: number
  cosine: number
}

export interface RetrievalResult {
  chunks: RetrievedChunk[]
  /** IDF of each query term id, for the relevance gate and sentence scoring. */
  termWeights: Map<number, number>
}

export interface RetrieverOptions {
  /** Candidates taken from each list before fusion. */
  candidates: number
  /** Weight of the embedding cosine next to BM25 scaled to 0..1; 0 turns the dense list off. */
  denseWeight: number
  /** Weight of BM25; 0 turns the lexical list off (evaluation only). */
  lexicalWeight: number
  efSearch: number
  /** Passages BM25 may score per question: the rarest words select candidates until this many are covered. */
  candidateBudget: number
}

export const defaultRetrieverOptions: RetrieverOptions = {
  candidates: 40,
  denseWeight: 0.2,
  lexicalWeight: 1,
  efSearch: 80,
  candidateBudget: 3000,
}

interface TermStats {
  weights: Map<number, number>
  /** The IDF weights as a pgvector sparsevec literal, built once per question. */
  sparseQuery: string
  dfs: Map<number, number>
  documentCount: number
}

interface ScoredRow {
  id: number
  bm25: number | string | null
  cosine: number | string | null
}

/**
 * Hybrid retrieval: BM25 (a sparse inner product, candidates found through the
 * full-text index) and embeddings (HNSW cosine). Each list scores its rows on
 * both measures, so fusion compares like with like. The scope is part of both
 * WHERE clauses: nothing outside it can ever be a candidate.
 */
export function createHybridRetriever(orm: Orm, embedder: Embedder, options: RetrieverOptions = defaultRetrieverOptions) {
  const vectorType = sql.raw(`vector(${Math.trunc(embedder.dimensions)})`)
  const scopeFilter = (scope: Scope) =>
    scope.channel === null
      ? sql`c.workspace_id = ${scope.workspaceId} and c.visibility = 'workspace'`
      : sql`c.workspace_id = ${scope.workspaceId} and (c.visibility = 'workspace' or c.visibility = ${scope.channel})`
  // Chunks embedded by another model (mid-reindex) have no comparable cosine.
  const cosineOf = (vector: string) =>
    sql`case when c.embedding_model = ${embedder.model} then 1 - ((c.embedding::${vectorType}) <=> ${vector}::${vectorType}) else 0 end`

  async function termStatsFor(scope: Scope, question: string): Promise<TermStats> {
    const terms = queryTerms(question)
    if (terms.size === 0) return { weights: new Map(), sparseQuery: toSparsevecLiteral(new Map()), dfs: new Map(), documentCount: 0 }
    const rows = await selectRows<{ term: number; df: number; n: number }>(
      orm,
      sql`select t.term, t.df, w.chunk_count as n
          from workspaces w left join term_stats t
            on t.workspace_id = w.id and t.term = any(${`{${[...terms.keys()].join(',')}}`}::int[])
          where w.id = ${scope.workspaceId}`,
    )
    const n = Number(rows[0]?.n ?? 0)
    const dfs = new Map(rows.filter((r) => r.term !== null).map((r) => [Number(r.term), Number(r.df)]))
    // A word no passage contains would get the highest IDF of all and outweigh
    // every word that does match; it counts as much as the rarest known word.
    const known = [...terms.keys()].filter((t) => (dfs.get(t) ?? 0) > 0).map((t) => idf(n, dfs.get(t) ?? 0))
    const unknownIdf = known.length > 0 ? Math.max(...known) : idf(n, 0)
    const weights = new Map<number, number>()
    for (const [term, count] of terms) {
      const df = dfs.get(term) ?? 0
      weights.set(term, count * (df > 0 ? idf(n, df) : unknownIdf))
    }
    return { weights, sparseQuery: toSparsevecLiteral(weights), dfs, documentCount: n }
  }

  async function lexicalSearch(scope: Scope, question: string, stats: TermStats, vector: string): Promise<ScoredRow[]> {
    if (options.lexicalWeight <= 0) return []
    const tsquery = lexicalPrefilter(question, selectiveTerms(stats.dfs, [...stats.weights.keys()], options.candidateBudget))
    if (stats.weights.size === 0 || tsquery === null) return []
    const query = stats.sparseQuery
    return await selectRows<ScoredRow>(
      orm,
      // The cosine is computed for the winners only, not for every candidate.
      sql`with top as (
            select c.id, -(c.lexical <#> ${query}::sparsevec) as bm25
            from chunks c
            where ${scopeFilter(scope)} and c.tsv @@ to_tsquery('simple', ${tsquery})
            order by c.lexical <#> ${query}::sparsevec
            limit ${options.candidates})
          select top.id, top.bm25, ${cosineOf(vector)} as cosine
          from top join chunks c on c.id = top.id`,
    )
  }

  async function denseSearch(scope: Scope, stats: TermStats, vector: string): Promise<ScoredRow[]> {
    if (options.denseWeight <= 0) return []
    const query = stats.sparseQuery
    // HNSW with a WHERE clause needs iterative scans, or a small scope could
    // come back with too few rows; both settings are local to this transaction.
    return await orm.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local hnsw.ef_search = ${Math.trunc(options.efSearch)}`))
      await tx.execute(sql.raw(`set local hnsw.iterative_scan = relaxed_order`))
      return await selectRows<ScoredRow>(
        tx,
        sql`select c.id, -(c.lexical <#> ${query}::sparsevec) as bm25,
                   1 - ((c.embedding::${vectorType}) <=> ${vector}::${vectorType}) as cosine
            from chunks c
            where c.embedding_model = ${embedder.model} and ${scopeFilter(scope)}
            order by (c.embedding::${vectorType}) <=> ${vector}::${vectorType}
            limit ${options.candidates}`,
      )
    })
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
    return new Map(rows.map((r) => [Number(r.id), r]))
  }

  return {
    async retrieve(scope: Scope, question: string, limit: number): Promise<RetrievalResult> {
      const stats = await termStatsFor(scope, question)
      const [embedding] = await embedder.embed([question], 'query')
      const vector = `[${(embedding ?? []).join(',')}]`
      const lexical = await lexicalSearch(scope, question, stats, vector)
      const dense = await denseSearch(scope, stats, vector)
      const candidates = new Map<number, CandidateScores>()
      for (const row of [...lexical, ...dense]) {
        candidates.set(Number(row.id), { bm25: Number(row.bm25 ?? 0), cosine: Number(row.cosine ?? 0) })
      }
      const fused = fuseScores(candidates, options.denseWeight, options.lexicalWeight)
      const top = [...fused.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)
      if (top.length === 0) return { chunks: [], termWeights: stats.weights }
      const details = await chunkDetails(top.map(([id]) => id))
      const chunks = top.flatMap(([id, score]): RetrievedChunk[] => {
        const d = details.get(id)
        const scores = candidates.get(id)
        if (!d || !scores) return []
        return [
          {
            chunkId: id,
            documentId: d.document_id,
            text: d.text,
            page: d.page === null ? null : Number(d.page),
            headingPath: d.heading_path,
            title: d.title,
            source: d.source_label,
            link: d.link,
            score,
            ...scores,
          },
        ]
      })
      return { chunks, termWeights: stats.weights }
    },
  }
}

export type HybridRetriever = ReturnType<typeof createHybridRetriever>
