import { type AnswerCache, type AnswerCacheLimits, type CachedAnswer, hitRate } from './answer-cache.ts'
import { byteLength, decodeCachedAnswer, encodeCachedAnswer } from './cached-answer-codec.ts'

export interface InMemoryAnswerCacheOptions extends AnswerCacheLimits {
  maxEntries: number
  /** Clock in ms; injected so expiry can be tested without waiting. */
  now?: () => number
}

/**
 * The embedded answer cache: an LRU bounded in entries and entry size, with
 * a TTL. Values are stored serialised, like Redis does, so a caller that
 * mutates an answer cannot change what the next hit returns.
 */
export function createInMemoryAnswerCache(options: InMemoryAnswerCacheOptions): AnswerCache {
  const now = options.now ?? Date.now
  // A Map iterates in insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, { text: string; expiresAt: number }>()
  const counts = { hits: 0, misses: 0, tooLarge: 0, tokensSaved: 0 }

  return {
    async get(key, lookup) {
      const entry = entries.get(key)
      if (entry && entry.expiresAt <= now()) entries.delete(key)
      const value = entry && entry.expiresAt > now() ? decodeCachedAnswer(entry.text) : null
      if (!entry || !value) {
        if (lookup?.countMiss !== false) counts.misses++
        return null
      }
      entries.delete(key)
      entries.set(key, entry)
      counts.hits++
      counts.tokensSaved += value.tokensIn + value.tokensOut
      return value
    },

    async set(key, value: CachedAnswer) {
      const text = encodeCachedAnswer(value)
      if (byteLength(text) > options.maxEntryBytes) {
        counts.tooLarge++
        return
      }
      entries.delete(key)
      entries.set(key, { text, expiresAt: now() + options.ttlMs })
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next()
        if (oldest.done) break
        entries.delete(oldest.value)
      }
    },

    async stats() {
      return {
        backend: 'memory',
        hits: counts.hits,
        misses: counts.misses,
        bypassed: 0,
        tooLarge: counts.tooLarge,
        hitRate: hitRate(counts.hits, counts.misses),
        tokensSaved: counts.tokensSaved,
        entries: entries.size,
        available: true,
      }
    },

    async close() {
      entries.clear()
    },
  }
}
