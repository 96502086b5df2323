import { sql } from 'drizzle-orm'
import { type Executor, type Orm, selectRows } from '../db/database.ts'
import type { Embedder } from '../embed/embedder.ts'
import { idf, queryTerms, toSparsevecLiteral } from '../lexical/bm25.ts'
import { fuseScores, type CandidateScores } from './fuse-scores.ts'
import { lexicalPrefilter, selectiveTerms } from './lexical-prefilter.ts'
import type { Scope } from './scope.ts'

export interface RetrievedChunk {
  chunkId: number
  documentId: string
  text: string
  /** Hash of the text: with the id, it tells a cached answer whether this passage changed. */
  contentHash: string
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

export interface RetrieverHooks {
  /** A question could not be embedded with `model`; its chunks are still found through BM25. */
  onQueryEmbedFailed?: (model: string, error: unknown) => void
}

/** A question embedded by one model, for the chunks that model embedded. */
interface QueryVector {
  embedder: Embedder
  literal: string
  type: ReturnType<typeof sql.raw>
}

/**
 * Hybrid retrieval: BM25 (a sparse inner product, candidates found through the
 * full-text index) and embeddings (HNSW cosine). Each list scores its rows on
 * both measures, so fusion compares like with like. The scope is part of both
 * WHERE clauses: nothing outside it can ever be a candidate.
 *
 * `embedders`: the ingest model first, then models whose chunks may still be
 * in the index while `reindex` moves it to a new one.
 */
export function createHybridRetriever(
  orm: Orm,
  embedders: Embedder | readonly Embedder[],
  options: RetrieverOptions = defaultRetrieverOptions,
  hooks: RetrieverHooks = {},
) {
  const available = Array.isArray(embedders) ? [...embedders] : [embedders as Embedder]
  const primary = available[0]
  if (!primary) throw new Error('createHybridRetriever needs at least one embedder')
  const scopeFilter = (scope: Scope) =>
    scope.channel === null
      ? sql`c.workspace_id = ${scope.workspaceId} and c.visibility = 'workspace'`
      : sql`c.workspace_id = ${scope.workspaceId} and (c.visibility = 'workspace' or c.visibility = ${scope.channel})`
  // Each chunk is compared only with the question embedded by its own model.
  const cosineOf = (vectors: readonly QueryVector[]) =>
    vectors.length === 0
      ? sql`0`
      : sql`case ${sql.join(
          vectors.map((v) => sql`when c.embedding_model = ${v.embedder.model} then 1 - ((c.embedding::${v.type}) <=> ${v.literal}::${v.type})`),
          sql` `,
        )} else 0 end`

  /**
   * The models whose chunks a question must be compared with. With one
   * embedder there is nothing to choose; during a switch of models both the
   * new and the old one have chunks in the workspace.
   */
  async function modelsFor(scope: Scope): Promise<Embedder[]> {
    if (available.length === 1) return available
    // Any status: a document being reindexed still answers with its old chunks.
    const rows = await selectRows<{ embedding_model: string }>(
      orm,
      sql`select distinct embedding_model from documents
          where workspace_id = ${scope.workspaceId} and embedding_model is not null`,
    )
    const present = new Set(rows.map((r) => r.embedding_model))
    const used = available.filter((e) => present.has(e.model))
    return used.length > 0 ? used : [primary as Embedder]
  }

  async function embedQuestion(embedder: Embedder, question: string): Promise<QueryVector | null> {
    try {
      const [embedding] = await embedder.embed([question], 'query')
      if (!embedding || embedding.length !== embedder.dimensions) return null
      return { embedder, literal: `[${embedding.join(',')}]`, type: sql.raw(`vector(${Math.trunc(embedder.dimensions)})`) }
    } catch (error) {
      hooks.onQueryEmbedFailed?.(embedder.model, error)
      return null
    }
  }

  async function termStatsFor(db: Executor, scope: Scope, question: string): Promise<TermStats> {
    const terms = queryTerms(question)
    if (terms.size === 0) return { weights: new Map(), sparseQuery: toSparsevecLiteral(new Map()), dfs: new Map(), documentCount: 0 }
    const rows = await selectRows<{ term: number; df: number; n: number }>(
      db,
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

  async function lexicalSearch(db: Executor, scope: Scope, question: string, stats: TermStats, vectors: readonly QueryVector[]): Promise<ScoredRow[]> {
    if (options.lexicalWeight <= 0) return []
    const tsquery = lexicalPrefilter(question, selectiveTerms(stats.dfs, [...stats.weights.keys()], options.candidateBudget))
    if (stats.weights.size === 0 || tsquery === null) return []
    const query = stats.sparseQuery
    return await selectRows<ScoredRow>(
      db,
      // The cosine is computed for the winners only, not for every candidate.
      sql`with top as (
            select c.id, -(c.lexical <#> ${query}::sparsevec) as bm25
            from chunks c
            where ${scopeFilter(scope)} and c.tsv @@ to_tsquery('simple', ${tsquery})
            order by c.lexical <#> ${query}::sparsevec
            limit ${options.candidates})
          select top.id, top.bm25, ${cosineOf(vectors)} as cosine
          from top join chunks c on c.id = top.id`,
    )
  }

  async function denseSearch(db: Executor, scope: Scope, stats: TermStats, query: QueryVector): Promise<ScoredRow[]> {
    if (options.denseWeight <= 0) return []
    const sparse = stats.sparseQuery
    const { type: vectorType, literal: vector } = query
    return await selectRows<ScoredRow>(
        db,
        sql`select c.id, -(c.lexical <#> ${sparse}::sparsevec) as bm25,
                   1 - ((c.embedding::${vectorType}) <=> ${vector}::${vectorType}) as cosine
            from chunks c
            where c.embedding_model = ${query.embedder.model} and ${scopeFilter(scope)}
            order by (c.embedding::${vectorType}) <=> ${vector}::${vectorType}
            limit ${options.candidates}`,
      )
  }

  async function chunkDetails(db: Executor, ids: number[]) {
    const rows = await selectRows<{
      id: number
      document_id: string
      text: string
      content_hash: string
      page: number | null
      heading_path: string | null
      title: string
      source_label: string
      link: string | null
    }>(
      db,
      sql`select c.id, c.document_id, c.text, c.content_hash, c.page, c.heading_path, d.title, d.source_label, d.link
          from chunks c join documents d on d.id = c.document_id
          where c.id = any(${`{${ids.join(',')}}`}::bigint[])`,
    )
    return new Map(rows.map((r) => [Number(r.id), r]))
  }

  async function retrieveIn(db: Executor, scope: Scope, question: string, vectors: readonly QueryVector[], limit: number): Promise<RetrievalResult> {
    const stats = await termStatsFor(db, scope, question)
    const lexical = await lexicalSearch(db, scope, question, stats, vectors)
    const dense: ScoredRow[] = []
    for (const vector of vectors) dense.push(...(await denseSearch(db, scope, stats, vector)))
    const candidates = new Map<number, CandidateScores>()
    for (const row of [...lexical, ...dense]) {
      candidates.set(Number(row.id), { bm25: Number(row.bm25 ?? 0), cosine: Number(row.cosine ?? 0) })
    }
    const fused = fuseScores(candidates, options.denseWeight, options.lexicalWeight)
    const top = [...fused.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)
    if (top.length === 0) return { chunks: [], termWeights: stats.weights }
    const details = await chunkDetails(db, top.map(([id]) => id))
    const chunks = top.flatMap(([id, score]): RetrievedChunk[] => {
      const d = details.get(id)
      const scores = candidates.get(id)
      if (!d || !scores) return []
      return [
        {
          chunkId: id,
          documentId: d.document_id,
          text: d.text,
          contentHash: d.content_hash,
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
  }

  return {
    async retrieve(scope: Scope, question: string, limit: number): Promise<RetrievalResult> {
      // Provider calls happen before the transaction, so no connection waits on the network.
      const models = await modelsFor(scope)
      const vectors = (await Promise.all(models.map((e) => embedQuestion(e, question)))).filter((v): v is QueryVector => v !== null)
      // One snapshot for every step: a document re-indexed meanwhile cannot
      // make its old chunk ids vanish between the search and the details.
      return await orm.transaction(
        async (tx) => {
          // HNSW with a WHERE clause needs iterative scans, or a small scope
          // could come back with too few rows; both settings end with the transaction.
          if (options.denseWeight > 0) {
            await tx.execute(sql.raw(`set local hnsw.ef_search = ${Math.trunc(options.efSearch)}`))
            await tx.execute(sql.raw(`set local hnsw.iterative_scan = relaxed_order`))
          }
          return await retrieveIn(tx, scope, question, vectors, limit)
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      )
    },
  }
}

export type HybridRetriever = ReturnType<typeof createHybridRetriever>
