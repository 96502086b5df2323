import { afterEach, describe, expect, it } from 'vitest'
import type { AnswerCache, CachedAnswer } from './answer-cache.ts'
import { answerCacheKey } from './answer-cache-key.ts'

export interface CacheUnderTest {
  cache: AnswerCache
  /** Lets `ms` pass for the cache (a fake clock in memory, real time on Redis). */
  advance(ms: number): Promise<void>
}

export type MakeCache = (limits: { ttlMs: number; maxEntryBytes: number }) => Promise<CacheUnderTest>

export const sampleAnswer = (text = 'Records are kept for three years after final payment. [1]'): CachedAnswer => ({
  answer: {
    answer: text,
    grounded: true,
    citations: [
      { documentId: '6f1c3c1e-0000-4000-8000-000000000001', title: 'contract.pdf', source: 'pdf/sample-contract.pdf', page: 3, score: 0.82, snippet: 'three years', link: null },
    ],
    cached: false,
    latencyMs: 812.4,
    provider: 'openai:gpt-4o-mini',
  },
  tokensIn: 1200,
  tokensOut: 85,
})

const keyFor = (chunks: Array<{ id: number; contentHash: string }>, question = 'How long are records kept?') =>
  answerCacheKey({ question, workspaceId: 'w-1', channel: null, promptVersion: 'answer@1', providerChain: ['openai:gpt-4o-mini'], chunks })

/** The behaviour every AnswerCache implementation shares; each implementation's test file runs it. */
export function answerCacheContract(make: MakeCache): void {
  const opened: AnswerCache[] = []
  const open = async (limits = { ttlMs: 60_000, maxEntryBytes: 64 * 1024 }) => {
    const made = await make(limits)
    opened.push(made.cache)
    return made
  }
  afterEach(async () => {
    for (const cache of opened.splice(0)) await cache.close()
  })

  describe('answer cache contract', () => {
    it('misses, then hits with the stored answer, counting hits, misses and tokens saved', async () => {
      const { cache } = await open()
      const key = keyFor([{ id: 1, contentHash: 'a' }])
      expect(await cache.get(key)).toBeNull()
      await cache.set(key, sampleAnswer())
      expect(await cache.get(key)).toEqual(sampleAnswer())
      const stats = await cache.stats()
      expect(stats).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, tokensSaved: 1285, bypassed: 0, available: true })
    })

    it('does not count a first look (countMiss: false) as a miss, but counts its hit', async () => {
      const { cache } = await open()
      const key = keyFor([{ id: 2, contentHash: 'b' }])
      expect(await cache.get(key, { countMiss: false })).toBeNull()
      expect((await cache.stats()).misses).toBe(0)
      await cache.set(key, sampleAnswer())
      expect(await cache.get(key, { countMiss: false })).toEqual(sampleAnswer())
      expect(await cache.stats()).toMatchObject({ hits: 1, misses: 0 })
    })

    it('returns a copy: changing a returned answer does not change the next hit', async () => {
      const { cache } = await open()
      const key = keyFor([{ id: 1, contentHash: 'a' }])
      await cache.set(key, sampleAnswer())
      const first = await cache.get(key)
      if (first) first.answer.answer = 'changed by the caller'
      expect((await cache.get(key))?.answer.answer).toBe(sampleAnswer().answer.answer)
    })

    it('forgets an entry once its TTL has passed', async () => {
      const { cache, advance } = await open({ ttlMs: 200, maxEntryBytes: 64 * 1024 })
      const key = keyFor([{ id: 1, contentHash: 'a' }])
      await cache.set(key, sampleAnswer())
      expect(await cache.get(key)).not.toBeNull()
      await advance(400)
      expect(await cache.get(key)).toBeNull()
    })

    it('does not store an entry larger than the size bound, and counts it', async () => {
      const { cache } = await open({ ttlMs: 60_000, maxEntryBytes: 2048 })
      const key = keyFor([{ id: 1, contentHash: 'a' }])
      await cache.set(key, sampleAnswer('x'.repeat(4096)))
      expect(await cache.get(key)).toBeNull()
      expect((await cache.stats()).tooLarge).toBe(1)
      await cache.set(key, sampleAnswer())
      expect(await cache.get(key)).not.toBeNull()
    })

    it('misses once a new or re-indexed document changes the retrieved chunks', async () => {
      const { cache } = await open()
      const before = [{ id: 10, contentHash: 'h10' }, { id: 11, contentHash: 'h11' }]
      await cache.set(keyFor(before), sampleAnswer())
      expect(await cache.get(keyFor(before, '  how LONG are records kept ? '))).not.toBeNull()
      // Re-indexed: same passage ids, new text.
      expect(await cache.get(keyFor([{ id: 10, contentHash: 'h10' }, { id: 11, contentHash: 'h11-v2' }]))).toBeNull()
      // A new document now ranks among the retrieved passages.
      expect(await cache.get(keyFor([{ id: 42, contentHash: 'new' }, ...before]))).toBeNull()
    })
  })
}
