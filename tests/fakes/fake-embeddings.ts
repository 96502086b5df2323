import { createHashingEmbedder } from '../../src/models/embed/hashing-embedder.ts'

const base = createHashingEmbedder()

/**
 * Vectors for the fake embedding APIs: the local embedder's 256 dimensions
 * tiled (with alternating signs) to the size the real model returns, then
 * normalised. Tiling keeps cosine similarities, so retrieval through the fake
 * behaves like retrieval through the local model, at another dimension.
 */
export async function fakeEmbeddings(texts: readonly string[], dimensions: number): Promise<number[][]> {
  const vectors = await base.embed(texts, 'document')
  return vectors.map((v) => {
    const out = Array.from({ length: dimensions }, (_, i) => (v[i % v.length] ?? 0) * (Math.floor(i / v.length) % 2 === 0 ? 1 : -1))
    const norm = Math.hypot(...out) || 1
    return out.map((x) => Math.round((x / norm) * 1e6) / 1e6)
  })
}
