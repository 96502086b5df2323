import { countTerms, tokenize } from './tokenize.ts'
import { TERM_SPACE, termId } from './term-hash.ts'

/**
 * BM25 split in two so Postgres can score it with one inner product:
 * the chunk side stores saturated term frequencies (a pgvector sparsevec), the
 * query side carries IDF weights computed from per-workspace document
 * frequencies at question time. sum(tfPart * idf) is the BM25 score.
 */
export interface Bm25Params {
  k1: number
  b: number
  /** Chunks are cut to a bounded size, so a constant stands in for avgdl. */
  averageLength: number
}

export const defaultBm25: Bm25Params = { k1: 1.2, b: 0.5, averageLength: 160 }

export interface LexicalVector {
  /** term id -> weight */
  weights: Map<number, number>
  length: number
}

export function encodeChunk(text: string, params: Bm25Params = defaultBm25): LexicalVector {
  return encodeTokens(tokenize(text), params)
}

/** The same for a text already tokenized (the chunk encoder tokenizes once for this and the local embedder). */
export function encodeTokens(tokens: readonly string[], params: Bm25Params = defaultBm25): LexicalVector {
  const norm = params.k1 * (1 - params.b + (params.b * tokens.length) / params.averageLength)
  const weights = new Map<number, number>()
  for (const [id, tf] of countTermIds(tokens)) weights.set(id, (tf * (params.k1 + 1)) / (tf + norm))
  return { weights, length: tokens.length }
}

/** Counts by hashed id: two terms hashing together simply add up, as if they were one. */
function countTermIds(tokens: readonly string[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const [term, tf] of countTerms(tokens)) {
    const id = termId(term)
    counts.set(id, (counts.get(id) ?? 0) + tf)
  }
  return counts
}

/** Query term ids with their counts; IDF is applied once df is known. */
export function queryTerms(question: string): Map<number, number> {
  return countTermIds(tokenize(question))
}

export function idf(documentCount: number, df: number): number {
  return Math.log(1 + (documentCount - df + 0.5) / (df + 0.5))
}

/** pgvector's text form: 1-based indexes, sorted. */
export function toSparsevecLiteral(weights: ReadonlyMap<number, number>): string {
  const entries = [...weights.entries()].filter(([, w]) => w !== 0).sort((a, b) => a[0] - b[0])
  const body = entries.map(([id, w]) => `${id + 1}:${roundWeight(w)}`).join(',')
  return `{${body}}/${TERM_SPACE}`
}

const roundWeight = (w: number): string => Number(w.toPrecision(5)).toString()
