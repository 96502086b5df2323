import { fnv1a } from '../../text/term-hash.ts'
import { tokenize } from '../../text/tokenize.ts'
import type { Embedder } from './embedder.ts'

export const LOCAL_EMBEDDING_MODEL = 'local-hash-v1'
export const LOCAL_EMBEDDING_DIMENSIONS = 256

/**
 * A deterministic embedder that needs no model download: signed feature
 * hashing of word stems, word pairs and character trigrams, log-scaled and
 * L2-normalised. It catches what exact-term search misses (spelling variants,
 * compound words, CJK) and is the offline default behind the same port as
 * OpenAI or Gemini embeddings.
 */
export function createHashingEmbedder(dimensions = LOCAL_EMBEDDING_DIMENSIONS): Embedder {
  return {
    model: LOCAL_EMBEDDING_MODEL,
    dimensions,
    // Measured: its nearest-passage list changed neither SciFact nor corpus-qa, and its HNSW index was 80% of insert time on PGlite.
    rescoresOnly: true,
    embed: async (texts) => texts.map((text) => embedOne(text, dimensions)),
  }
}

function embedOne(text: string, dimensions: number): number[] {
  return embedTokens(tokenize(text), dimensions)
}

const SIGN_SEED = 0x9e3779b9
// FNV-1a of the feature prefixes under both seeds: a feature's hash continues from its prefix's.
const prefixes = { word: prefixHashes('w:'), pair: prefixHashes('b:'), gram: prefixHashes('c:') }

/**
 * The vector of a text already tokenized (the chunk encoder tokenizes once for
 * BM25 and this). Features are the strings `w:stem`, `b:stem next` and
 * `c:tri`, counted, each added as ±log(1 + count) at its hashed index in
 * order of first appearance; this computes the same without building those
 * strings, keying each feature by its two 32-bit hashes (index and sign).
 * Two features sharing the first hash but not the second would have been
 * counted apart, so then the text is embedded again from the strings.
 */
export function embedTokens(tokens: readonly string[], dimensions: number): number[] {
  const table = featureTable(tokens)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? ''
    // FNV-1a seeded with a prefix's hash continues it: fnv1a(token, fnv1a('w:')) = fnv1a('w:' + token).
    table.add(fnv1a(token, prefixes.word[0]), fnv1a(token, prefixes.word[1]), 1)
    const next = tokens[i + 1]
    if (next !== undefined) {
      const [a, b] = prefixes.pair
      table.add(fnv1a(next, fnv1a(' ', fnv1a(token, a))), fnv1a(next, fnv1a(' ', fnv1a(token, b))), 0.5)
    }
    // Trigrams of "^token$", for tokens of three characters or more.
    if (token.length > 2) {
      const padded = `^${token}$`
      for (let j = 0; j + 3 <= padded.length; j++) {
        table.add(extendRange(prefixes.gram[0], padded, j, j + 3), extendRange(prefixes.gram[1], padded, j, j + 3), 0.25)
      }
    }
  }
  if (table.collided) return embedFromStrings(tokens, dimensions)
  const vector = new Array<number>(dimensions).fill(0)
  for (let k = 0; k < table.size; k++) {
    const slot = table.order[k] as number
    const index = (table.hashes[slot] as number) % dimensions
    vector[index] = (vector[index] ?? 0) + (((table.signs[slot] as number) & 1) === 0 ? 1 : -1) * Math.log1p(table.counts[slot] as number)
  }
  return normalize(vector)
}

/**
 * Features counted in an open-addressing table keyed by their first hash
 * (typed arrays: a Map of string or array entries was most of indexing's
 * encode time), remembering the order each first appeared in.
 */
function featureTable(tokens: readonly string[]) {
  let features = 0
  for (const token of tokens) features += 2 + Math.max(0, token.length)
  let capacity = 16
  while (capacity < features * 2) capacity *= 2
  const mask = capacity - 1
  const hashes = new Uint32Array(capacity)
  const signs = new Uint32Array(capacity)
  const counts = new Float64Array(capacity)
  const used = new Uint8Array(capacity)
  const order = new Int32Array(features)
  const table = {
    hashes,
    signs,
    counts,
    order,
    size: 0,
    collided: false,
    add(hash: number, sign: number, weight: number): void {
      let slot = Math.imul(hash, 0x9e3779b1) >>> 0 & mask
      while (used[slot] === 1 && hashes[slot] !== hash) slot = (slot + 1) & mask
      if (used[slot] === 0) {
        used[slot] = 1
        hashes[slot] = hash
        signs[slot] = sign
        counts[slot] = weight
        order[table.size++] = slot
      } else if (signs[slot] === sign) counts[slot] = (counts[slot] as number) + weight
      else table.collided = true
    },
  }
  return table
}

/** The definition, feature strings and all: the rare text whose features collide on one hash. */
export function embedFromStrings(tokens: readonly string[], dimensions: number): number[] {
  const features = new Map<string, number>()
  const add = (feature: string, weight: number) => features.set(feature, (features.get(feature) ?? 0) + weight)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? ''
    add(`w:${token}`, 1)
    const next = tokens[i + 1]
    if (next !== undefined) add(`b:${token} ${next}`, 0.5)
    const padded = `^${token}$`
    if (padded.length > 4) for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25)
  }
  const vector = new Array<number>(dimensions).fill(0)
  for (const [feature, count] of features) {
    const index = fnv1a(feature) % dimensions
    const sign = (fnv1a(feature, SIGN_SEED) & 1) === 0 ? 1 : -1
    vector[index] = (vector[index] ?? 0) + sign * Math.log1p(count)
  }
  return normalize(vector)
}

function normalize(vector: number[]): number[] {
  const norm = Math.hypot(...vector)
  // An empty text (only stop words) still needs a valid vector for pgvector's cosine.
  if (norm === 0) {
    vector[0] = 1
    return vector
  }
  return vector.map((v) => v / norm)
}

function prefixHashes(prefix: string): [number, number] {
  return [fnv1a(prefix), fnv1a(prefix, SIGN_SEED)]
}

/** FNV-1a continued over part of `text` without slicing it: fnv1a(a + b) = fnv1a(b, fnv1a(a)). */
function extendRange(hash: number, text: string, from: number, to: number): number {
  let h = hash
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}
