import { LRUCache } from 'lru-cache'
import { type AnswerCache, type AnswerCacheLimits, type CachedAnswer, hitRate } from './answer-cache.ts'
import { byteLength, decodeCachedAnswer, encodeCachedAnswer } from './cached-answer-codec.ts'

export interface InMemoryAnswerCacheOptions extends AnswerCacheLimits {
  maxEntries: number
  /** Clock in ms; injected so expiry can be tested without waiting. */
  now?: () => number
}

/**
 * The embedded answer cache: lru-cache bounded in entries, with a TTL counted
 * from the write (a hit does not extend it), and entries above the size bound
 * refused and counted here. Values are stored serialised, like Redis does, so
 * a caller that mutates an answer cannot change what the next hit returns.
 */
export function createInMemoryAnswerCache(options: InMemoryAnswerCacheOptions): AnswerCache {
  const entries = new LRUCache<string, string>({
    max: options.maxEntries,
    ttl: options.ttlMs,
    // lru-cache otherwise reuses its reading of the clock for 1 ms, which an injected clock must not see.
    ttlResolution: 0,
    ...(options.now ? { perf: { now: options.now } } : {}),
  })
  const counts = { hits: 0, misses: 0, tooLarge: 0, tokensSaved: 0 }

  return {
    async get(key, lookup) {
      const text = entries.get(key)
      const value = text === undefined ? null : decodeCachedAnswer(text)
      if (!value) {
        if (lookup?.countMiss !== false) counts.misses++
        return null
      }
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
      entries.set(key, text)
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
