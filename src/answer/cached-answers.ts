import type { AnswerCache, CachedAnswer } from '../platform/cache/answer-cache.ts'
import { answerCacheKey } from '../platform/cache/answer-cache-key.ts'
import type { ConversationTurn } from './ask-request.ts'

export interface CacheKeyBase {
  question: string
  workspaceId: string
  channel: string | null
  promptVersion: string
  providerChain: string[]
  history: ConversationTurn[]
}

/**
 * The answer cache around one question, looked up twice: by the question as
 * asked against the workspace as it is now (a hit skips retrieval: a few ms),
 * then by the passages retrieved (a question worded alike, or a workspace
 * changed elsewhere, finds the same answer).
 */
export function cachedAnswers(cache: AnswerCache, base: CacheKeyBase, indexVersion: string) {
  const questionKey = answerCacheKey({ ...base, indexVersion })
  let passagesKey: string | null = null
  return {
    /** Before retrieval; a miss here is not counted (the second look decides). */
    byQuestion: (): Promise<CachedAnswer | null> => cache.get(questionKey, { countMiss: false }),

    /** After retrieval, keyed by the passages (ids and content hashes) the answer will be written from. */
    async byPassages(chunks: ReadonlyArray<{ chunkId: number; contentHash: string }>): Promise<CachedAnswer | null> {
      passagesKey = answerCacheKey({ ...base, chunks: chunks.map((c) => ({ id: c.chunkId, contentHash: c.contentHash })) })
      const hit = await cache.get(passagesKey)
      // The next time this exact question is asked, the first look finds it.
      if (hit) await cache.set(questionKey, hit)
      return hit
    },

    /** Stores a fresh answer under both keys. */
    async remember(entry: CachedAnswer): Promise<void> {
      if (passagesKey) await cache.set(passagesKey, entry)
      await cache.set(questionKey, entry)
    },
  }
}
