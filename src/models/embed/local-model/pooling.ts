import type { PoolingMode } from './model-folder.ts'

/** A [batch, sequence, hidden] tensor as the ONNX runtime returns it: flat, row-major. */
export interface TokenStates {
  data: Float32Array
  batch: number
  sequence: number
  hidden: number
}

/**
 * One vector per text from its token states, as sentence-transformers'
 * Pooling module computes it: padding (mask 0) never counts.
 */
export function poolTokens(states: TokenStates, mask: ArrayLike<number | bigint>, mode: PoolingMode): Float32Array[] {
  const { data, batch, sequence, hidden } = states
  const vectors: Float32Array[] = []
  for (let b = 0; b < batch; b++) {
    const pooled = new Float32Array(hidden)
    const at = (t: number) => (b * sequence + t) * hidden
    if (mode === 'cls') {
      pooled.set(data.subarray(at(0), at(0) + hidden))
    } else {
      let count = 0
      if (mode === 'max') pooled.fill(Number.NEGATIVE_INFINITY)
      for (let t = 0; t < sequence; t++) {
        if (Number(mask[b * sequence + t] ?? 0) === 0) continue
        count++
        const offset = at(t)
        for (let h = 0; h < hidden; h++) {
          const value = data[offset + h] ?? 0
          pooled[h] = mode === 'max' ? Math.max(pooled[h] ?? value, value) : (pooled[h] ?? 0) + value
        }
      }
      if (count === 0) pooled.fill(0)
      else if (mode === 'mean') for (let h = 0; h < hidden; h++) pooled[h] = (pooled[h] ?? 0) / count
    }
    vectors.push(pooled)
  }
  return vectors
}

/** Unit length, so cosine distance in pgvector compares directions only (a zero vector gets a fixed unit one). */
export function l2Normalize(vector: Float32Array): number[] {
  let sum = 0
  for (const v of vector) sum += v * v
  const norm = Math.sqrt(sum)
  if (norm === 0 || !Number.isFinite(norm)) return Array.from(vector, (_, i) => (i === 0 ? 1 : 0))
  return Array.from(vector, (v) => v / norm)
}
