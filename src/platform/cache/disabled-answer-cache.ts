import type { AnswerCache } from './answer-cache.ts'

/** CACHE_TTL_SECONDS=0: every question goes to retrieval and the answer models. */
export function createDisabledAnswerCache(): AnswerCache {
  let misses = 0
  return {
    get: async () => {
      misses++
      return null
    },
    set: async () => {},
    stats: async () => ({ backend: 'off', hits: 0, misses, bypassed: 0, tooLarge: 0, hitRate: null, tokensSaved: 0, entries: null, available: true }),
    close: async () => {},
  }
}
