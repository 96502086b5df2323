import { describe, expect, it } from 'vitest'
import { answerCacheContract, sampleAnswer } from './answer-cache.contract.ts'
import { createInMemoryAnswerCache } from './in-memory-answer-cache.ts'

describe('in-memory answer cache', () => {
  answerCacheContract(async (limits) => {
    // lru-cache reads a start time of 0 as "no TTL"; real clocks never read 0.
    let clock = 1_000_000
    const cache = createInMemoryAnswerCache({ ...limits, maxEntries: 100, now: () => clock })
    return { cache, advance: async (ms) => void (clock += ms) }
  })

  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = createInMemoryAnswerCache({ ttlMs: 60_000, maxEntryBytes: 64 * 1024, maxEntries: 2 })
    await cache.set('a', sampleAnswer('a'))
    await cache.set('b', sampleAnswer('b'))
    await cache.get('a')
    await cache.set('c', sampleAnswer('c'))
    expect(await cache.get('b')).toBeNull()
    expect((await cache.get('a'))?.answer.answer).toBe('a')
    expect((await cache.get('c'))?.answer.answer).toBe('c')
    expect((await cache.stats()).entries).toBe(2)
  })
})
