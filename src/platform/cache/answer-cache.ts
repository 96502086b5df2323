import type { AnswerResult } from '../../answer/answer-result.ts'

/**
 * What a cache hit gives back: the answer as it was first returned, plus the
 * tokens its provider call cost, so a hit can count the tokens it saved.
 */
export interface CachedAnswer {
  answer: AnswerResult
  tokensIn: number
  tokensOut: number
}

export interface AnswerCacheStats {
  /** `memory` (in-process LRU) or `redis` (shared by every process on REDIS_URL). */
  backend: 'memory' | 'redis' | 'off'
  hits: number
  misses: number
  /** Lookups and writes skipped because the cache did not answer (Redis down or slow). */
  bypassed: number
  /** Answers not stored because they exceeded the entry size bound. */
  tooLarge: number
  /** hits / (hits + misses), null before the first lookup. */
  hitRate: number | null
  /** tokensIn + tokensOut of every answer served from the cache. */
  tokensSaved: number
  /** Entries held now (in-process only; Redis holds them under TTL). */
  entries: number | null
  /** False while the backing store is unreachable (the counters are then this process's own). */
  available: boolean
}

/**
 * The answer cache port. Keys come from `answerCacheKey()`. Neither method
 * throws: an unreachable cache is a miss and a dropped write, so a question
 * is always answered.
 */
export interface AnswerCache {
  /**
   * `countMiss: false` for a first look that is followed by another: one
   * question then counts one miss, however many keys it tried.
   */
  get(key: string, options?: { countMiss?: boolean }): Promise<CachedAnswer | null>
  set(key: string, value: CachedAnswer): Promise<void>
  stats(): Promise<AnswerCacheStats>
  close(): Promise<void>
}

export interface AnswerCacheLimits {
  ttlMs: number
  /** Largest serialised entry stored, in bytes; a bigger answer is simply not cached. */
  maxEntryBytes: number
}

export const hitRate = (hits: number, misses: number): number | null =>
  hits + misses === 0 ? null : Math.round((hits / (hits + misses)) * 1000) / 1000
