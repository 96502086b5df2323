import { type SQL, sql } from 'drizzle-orm'
import { type Executor, type Orm, selectRows } from '../store/db/database.ts'
import type { Embedder } from '../models/embed/embedder.ts'
import { idf, toSparsevecLiteral } from '../text/bm25.ts'
import { containsCjk } from '../text/tokenize.ts'
import { type AnalyzedQuestion, analyzeQuestion } from './question/analyze-question.ts'
import type { Lexicon } from './question/wordnet-lexicon.ts'
import { fuseScores, type CandidateScores } from './fuse-scores.ts'
import { lexicalPrefilter, selectiveTerms } from './lexical-prefilter.ts'
import type { PassageEvidence, WeightedQuestion } from './passage-evidence.ts'
import { rerankPassages } from './rerank-passages.ts'
import { createPassageReadings } from './passage-reading.ts'
import type { Scope } from './scope.ts'

export interface RetrievedChunk {
  chunkId: number
  documentId: string
  text: string
  /** Hash of the text: with the id, it tells a cached answer whether this passage changed. */
  contentHash: string
  page: number | null
  /** Its place in its document, from 0. */
  ordinal?: number
  headingPath: string | null
  /** The start of the passage's document: what it is about, who sent it. */
  opening: string
  title: string
  /** The title of the message an attachment came with; null for a document shared on its own. */
  parentTitle?: string | null
  source: string
  link: string | null
  /** Who shared the document, where and when: citations show it, so readers can judge freshness. */
  shared: SharedBy
  /** Fused score used for ranking. */
  score: number
  bm25: number
  cosine: number
  /** What the passage offers as an answer (coverage, answer type), for the gate and the quote. */
  evidence: PassageEvidence
}

export interface SharedBy {
  /** Platform user id (or e-mail sender) who shared it; null for the CLI and API. */
  by: string | null
  /** The channel it was shared in; null when not shared in a channel. */
  in: string | null
  /** When it was first shared (ISO 8601). */
  at: string
}

export interface RetrievalResult {
  chunks: RetrievedChunk[]
  /** IDF of each query term id, for the relevance gate and sentence scoring. */
  termWeights: Map<number, number>
  /** The question as understood: weights, related words, expected answer type. */
  question: WeightedQuestion
}

const OPENING_CHARS = 1200

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
  /** Candidates taken from the lexical list (related words widen it, so it is deeper than the dense one). */
  lexicalCandidates: number
  /** Fused candidates the second stage reranks. */
  rerankDepth: number
  /** At most this many passages of one document in the results: a long book cannot crowd out the rest. */
  perDocument: number
  /** Related words (WordNet) searched at a lower weight; false for the plain hybrid (evaluation). */
  expand: boolean
  /** The second-stage reranker; false ranks by the fused score alone (evaluation). */
  rerank: boolean
  /** Documents whose title or source best match the question add their best passages as candidates. */
  titleDocuments: number
  /** Passages the question's words chosen to match titles may hold, as with candidateBudget: the rarest words choose. */
  titleBudget: number
  /**
   * Whether an embedder that only rescores (the local hashing one, see Embedder.rescoresOnly)
   * finds candidates of its own for every question too, not only for CJK ones (evaluation).
   */
  hashingDenseList: boolean
}

export const defaultRetrieverOptions: RetrieverOptions = {
  candidates: 40,
  denseWeight: 0.2,
  lexicalWeight: 1,
  efSearch: 80,
  candidateBudget: 1500,
  lexicalCandidates: 100,
  rerankDepth: 30,
  perDocument: 3,
  expand: true,
  rerank: true,
  titleDocuments: 6,
  titleBudget: 3000,
  hashingDenseList: false,
}

interface TermStats {
  /** Weights of the question's own words. */
  weights: Map<number, number>
  /** Weights of related words (a share of their own IDF). */
  relatedWeights: Map<number, number>
  /** Both, as a pgvector sparsevec literal, built once per question. */
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
  /** Where related words come from (WordNet); without one, questions are searched as written. */
  lexicon?: Lexicon
}

/** For each related word with a weight: the question words it stands in for, and the share of their weight a match earns. */
function relatedShares(question: AnalyzedQuestion, stats: TermStats): Map<number, Array<readonly [number, number]>> {
  const shares = new Map<number, Array<readonly [number, number]>>()
  for (const expansion of question.expansions) {
    if (!stats.relatedWeights.has(expansion.id)) continue
    shares.set(expansion.id, expansion.origins.map((origin) => [origin, expansion.factor] as const))
  }
  return shares
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
  // What reranking reads of a passage is the same for every question: read once, kept for the next.
  const readings = createPassageReadings()
  const primary = available[0]
  if (!primary) throw new Error('createHybridRetriever needs at least one embedder')
  const documentScope = (scope: Scope) =>
    scope.channel === null
      ? sql`d.workspace_id = ${scope.workspaceId} and d.visibility = 'workspace'`
      : sql`d.workspace_id = ${scope.workspaceId} and (d.visibility = 'workspace' or d.visibility = ${scope.channel})`
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

  async function termStatsFor(db: Executor, scope: Scope, question: AnalyzedQuestion): Promise<TermStats> {
    const related = options.expand ? question.expansions : []
    const ids = [...question.terms.map((t) => t.id), ...related.map((e) => e.id)]
    if (question.terms.length === 0) {
      return { weights: new Map(), relatedWeights: new Map(), sparseQuery: toSparsevecLiteral(new Map()), dfs: new Map(), documentCount: 0 }
    }
    const rows = await selectRows<{ term: number; df: number; n: number }>(
      db,
      sql`select t.term, t.df, w.chunk_count as n
          from workspaces w left join term_stats t
            on t.workspace_id = w.id and t.term = any(${`{${ids.join(',')}}`}::int[])
          where w.id = ${scope.workspaceId}`,
    )
    const n = Number(rows[0]?.n ?? 0)
    const dfs = new Map(rows.filter((r) => r.term !== null).map((r) => [Number(r.term), Number(r.df)]))
    // A word no passage contains would get the highest IDF of all and outweigh
    // every word that does match; it counts as much as the rarest known word.
    const known = question.terms.filter((t) => (dfs.get(t.id) ?? 0) > 0).map((t) => idf(n, dfs.get(t.id) ?? 0))
    const unknownIdf = known.length > 0 ? Math.max(...known) : idf(n, 0)
    const weights = new Map<number, number>()
    for (const term of question.terms) {
      const df = dfs.get(term.id) ?? 0
      weights.set(term.id, term.factor * term.count * (df > 0 ? idf(n, df) : unknownIdf))
    }
    // A related word counts for a share of its own IDF, never more than the word it stands in for.
    const relatedWeights = new Map<number, number>()
    for (const expansion of related) {
      const df = dfs.get(expansion.id) ?? 0
      if (df === 0) continue
      const ceiling = Math.max(...expansion.origins.map((o) => weights.get(o) ?? 0))
      relatedWeights.set(expansion.id, expansion.factor * Math.min(idf(n, df), ceiling))
    }
    const all = new Map([...relatedWeights, ...weights])
    return { weights, relatedWeights, sparseQuery: toSparsevecLiteral(all), dfs, documentCount: n }
  }

  /**
   * The question's rarest words select candidates within the budget. Related words only
   * rescore them: as prefix queries they matched far more passages than their own counts
   * said (p95 of the keyword step 95 → 20 ms at 100k passages), and finding candidates
   * through them changed neither the corpus-qa nor the SciFact figures. When none of the
   * question's own words occurs at all, its related words are all there is to search by.
   */
  function prefilterTokens(question: AnalyzedQuestion, stats: TermStats): string | null {
    const found = question.terms.filter((t) => (stats.dfs.get(t.id) ?? 0) > 0)
    if (found.length === 0) {
      const related = question.expansions.filter((e) => stats.relatedWeights.has(e.id)).map((e) => e.id)
      const rare = selectiveTerms(stats.dfs, related, options.candidateBudget)
      return lexicalPrefilter(question.expansions.filter((e) => rare(e.id)).map((e) => e.stem))
    }
    const own = selectiveTerms(stats.dfs, found.map((t) => t.id), options.candidateBudget)
    return lexicalPrefilter(found.filter((t) => own(t.id)).map((t) => t.stem))
  }

  async function lexicalSearch(db: Executor, scope: Scope, question: AnalyzedQuestion, stats: TermStats, vectors: readonly QueryVector[]): Promise<ScoredRow[]> {
    if (options.lexicalWeight <= 0) return []
    const tsquery = prefilterTokens(question, stats)
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
            limit ${options.lexicalCandidates})
          select top.id, top.bm25, ${cosineOf(vectors)} as cosine
          from top join chunks c on c.id = top.id`,
    )
  }

  /**
   * Title and source as a field of their own: the documents whose names best
   * match the question ("the notes.txt attachment", "the Quarterly Sales
   * Report") give their best passages as candidates, even when the passage
   * itself never repeats the name.
   */
  async function titleSearch(db: Executor, scope: Scope, question: AnalyzedQuestion, stats: TermStats, vectors: readonly QueryVector[]): Promise<ScoredRow[]> {
    if (options.titleDocuments <= 0 || options.lexicalWeight <= 0) return []
    // Ranking every title that shares a common word was the slowest step at scale (p95 59 ms at 100k
    // passages): the rarer words choose the documents, as they choose the passages.
    const words = question.terms.filter((t) => t.factor === 1)
    const rare = selectiveTerms(stats.dfs, words.map((t) => t.id), options.titleBudget)
    const tsquery = lexicalPrefilter(words.map((t) => t.stem), rare)
    const query = stats.sparseQuery
    const names = sql`d.name_tsv`
    const named: SQL[] = []
    if (tsquery !== null) {
      named.push(sql`select d.id from documents d
              where ${documentScope(scope)} and d.status = 'indexed' and ${names} @@ to_tsquery('simple', ${tsquery})
              order by ts_rank(${names}, to_tsquery('simple', ${tsquery})) desc
              limit ${options.titleDocuments}`)
    }
    // "the 'testing' mail": the document titled so, and its attachments, are named whatever their words.
    if (question.quoted.length > 0) {
      const quoted = `{${question.quoted.map((q) => `"${q.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
      named.push(sql`select d.id from documents d left join documents parent on parent.id = d.parent_id
              where ${documentScope(scope)} and d.status = 'indexed'
                and exists (select 1 from unnest(${quoted}::text[]) q
                            where starts_with(lower(d.title), q) or starts_with(lower(parent.title), q))
              limit ${options.titleDocuments}`)
    }
    if (named.length === 0) return []
    return await selectRows<ScoredRow>(
      db,
      sql`with named as (${sql.join(
        named.map((part) => sql`(${part})`),
        sql` union `,
      )})
          select best.id, best.bm25, ${cosineOf(vectors)} as cosine
          from named cross join lateral (
            select c.id, -(c.lexical <#> ${query}::sparsevec) as bm25 from chunks c
            where c.document_id = named.id
            order by c.lexical <#> ${query}::sparsevec
            limit 2) best
          join chunks c on c.id = best.id`,
    )
  }

  /**
   * Chinese, Japanese and Korean are written without spaces: the full-text index holds whole
   * runs of characters, which the question's character pairs rarely open, so keyword search
   * alone misses them. Their questions also take the local vectors' list (character
   * trigrams), by an exact scan of the scope: that model has no HNSW index.
   */
  const hasDenseList = (query: QueryVector, question: AnalyzedQuestion) =>
    options.denseWeight > 0 &&
    options.candidates > 0 &&
    (options.hashingDenseList || !query.embedder.rescoresOnly || containsCjk(question.text))

  async function denseSearch(db: Executor, scope: Scope, stats: TermStats, query: QueryVector, question: AnalyzedQuestion): Promise<ScoredRow[]> {
    if (!hasDenseList(query, question)) return []
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
      ordinal: number
      heading_path: string | null
      opening: string | null
      title: string
      parent_title: string | null
      source_label: string
      link: string | null
      shared_by: string | null
      channel_id: string | null
      created_at: string | Date
    }>(
      db,
      // A document's opening (its first passage) says what the document is: context for every
      // passage of it, read once per document however many of its passages are candidates. An
      // attachment's context is also the message it came with ("the 'testing' mail's attachment").
      sql`with picked as (select * from chunks where id = any(${`{${ids.join(',')}}`}::bigint[])),
          openings as (
            select p.document_id,
                   concat_ws(E'\n',
                     (select left(f.text, ${OPENING_CHARS}) from chunks f where f.document_id = p.document_id order by f.ordinal limit 1),
                     (select left(f.text, ${OPENING_CHARS}) from documents own join chunks f on f.document_id = own.parent_id
                      where own.id = p.document_id order by f.ordinal limit 1)) as opening
            from (select distinct document_id from picked) p)
          select c.id, c.document_id, c.text, c.content_hash, c.page, c.ordinal, c.heading_path, d.title, parent.title as parent_title,
                 d.source_label, d.link, d.shared_by, d.channel_id, d.created_at, o.opening
          from picked c join documents d on d.id = c.document_id join openings o on o.document_id = c.document_id
            left join documents parent on parent.id = d.parent_id`,
    )
    return new Map(rows.map((r) => [Number(r.id), r]))
  }

  async function retrieveIn(db: Executor, scope: Scope, question: AnalyzedQuestion, vectors: readonly QueryVector[], limit: number): Promise<RetrievalResult> {
    const stats = await termStatsFor(db, scope, question)
    const absent = new Set(question.terms.filter((t) => (stats.dfs.get(t.id) ?? 0) === 0).map((t) => t.id))
    const weighted: WeightedQuestion = { analysis: question, weights: stats.weights, related: relatedShares(question, stats), absent }
    const lexical = await lexicalSearch(db, scope, question, stats, vectors)
    const named = options.rerank ? await titleSearch(db, scope, question, stats, vectors) : []
    const dense: ScoredRow[] = []
    for (const vector of vectors) dense.push(...(await denseSearch(db, scope, stats, vector, question)))
    const candidates = new Map<number, CandidateScores>()
    for (const row of [...lexical, ...named, ...dense]) {
      candidates.set(Number(row.id), { bm25: Number(row.bm25 ?? 0), cosine: Number(row.cosine ?? 0) })
    }
    const fused = fuseScores(candidates, options.denseWeight, options.lexicalWeight)
    const depth = options.rerank ? Math.max(limit, options.rerankDepth) : limit
    const ranked = [...fused.entries()].sort((a, b) => b[1] - a[1])
    // Passages of documents named by the question reach the second stage whatever their first-stage rank.
    const namedIds = new Set(named.map((row) => Number(row.id)))
    const top = [...ranked.slice(0, depth), ...ranked.slice(depth).filter(([id]) => namedIds.has(id))]
    if (top.length === 0) return { chunks: [], termWeights: stats.weights, question: weighted }
    const details = await chunkDetails(db, top.map(([id]) => id))
    const found = top.flatMap(([id, score]) => {
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
          ordinal: Number(d.ordinal),
          headingPath: d.heading_path,
          opening: d.opening ?? '',
          title: d.title,
          parentTitle: d.parent_title,
          source: d.source_label,
          link: d.link,
          shared: { by: d.shared_by, in: d.channel_id, at: new Date(d.created_at).toISOString() },
          score,
          ...scores,
        },
      ]
    })
    const chunks = rerankPassages(found, weighted, { rerank: options.rerank, perDocument: options.perDocument, limit }, readings)
    return { chunks, termWeights: stats.weights, question: weighted }
  }

  return {
    async retrieve(scope: Scope, text: string, limit: number): Promise<RetrievalResult> {
      const question = analyzeQuestion(text, options.expand ? (hooks.lexicon ?? null) : null)
      // Provider calls happen before the transaction, so no connection waits on the network.
      const models = await modelsFor(scope)
      const vectors = (await Promise.all(models.map((e) => embedQuestion(e, question.text)))).filter((v): v is QueryVector => v !== null)
      // One snapshot for every step: a document re-indexed meanwhile cannot
      // make its old chunk ids vanish between the search and the details.
      return await orm.transaction(
        async (tx) => {
          // The candidate search must go through the full-text index. With the default cost of a
          // random page (4, a spinning disk) the planner prefers a sequential scan that unpacks every
          // passage's tsvector: 207 ms against 14 ms at 20k passages. Pages of a working set are in
          // memory or on SSD; 1.1 is what PostgreSQL's documentation suggests for that.
          // HNSW with a WHERE clause needs iterative scans, or a small scope could come back with
          // too few rows. All end with the transaction; one statement sets them.
          const settings: Array<[string, string]> = [['random_page_cost', '1.1']]
          if (vectors.some((vector) => hasDenseList(vector, question))) {
            settings.push(['hnsw.ef_search', String(Math.trunc(options.efSearch))], ['hnsw.iterative_scan', 'relaxed_order'])
          }
          await tx.execute(sql`select ${sql.join(settings.map(([name, value]) => sql`set_config(${name}, ${value}, true)`), sql`, `)}`)
          return await retrieveIn(tx, scope, question, vectors, limit)
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      )
    },
  }
}

export type HybridRetriever = ReturnType<typeof createHybridRetriever>
