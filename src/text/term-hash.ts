/** Terms are hashed into a fixed space so the lexical index needs no vocabulary table. */
export const TERM_SPACE = 16_777_216 // 2^24: collisions are rare at any realistic vocabulary

/** FNV-1a over UTF-16 code units; stable across processes and releases. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

export function termId(term: string): number {
  return fnv1a(term) % TERM_SPACE
}
