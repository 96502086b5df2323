import { afterAll, describe, expect, it } from 'vitest'
import { deleteKeys, redisServerAvailable, startOwnRedis, testRedisUrl, uniquePrefix } from '../../../tests/helpers/redis-server.ts'
import { silentLogger, type Logger } from '../log/logger.ts'
import { answerCacheContract, sampleAnswer } from './answer-cache.contract.ts'
import { openRedisAnswerCache } from './redis-answer-cache.ts'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

describe.skipIf(!testRedisUrl)(`redis answer cache on TEST_REDIS_URL${testRedisUrl ? '' : ' (skipped: TEST_REDIS_URL is not set)'}`, () => {
  const url = testRedisUrl ?? ''
  const prefixes: string[] = []
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(url, prefix)
  })

  answerCacheContract(async (limits) => {
    const prefix = `${uniquePrefix('cache')}:`
    prefixes.push(prefix)
    const cache = await openRedisAnswerCache({ ...limits, url, keyPrefix: prefix, commandTimeoutMs: 1000, logger: silentLogger })
    return { cache, advance: sleep }
  })

  it('shares entries and counters between processes (two clients on one prefix)', async () => {
    const prefix = `${uniquePrefix('cache-shared')}:`
    prefixes.push(prefix)
    const options = { url, keyPrefix: prefix, ttlMs: 60_000, maxEntryBytes: 64 * 1024, commandTimeoutMs: 1000, logger: silentLogger }
    const a = await openRedisAnswerCache(options)
    const b = await openRedisAnswerCache(options)
    try {
      await a.set('k', sampleAnswer())
      expect(await b.get('k')).toEqual(sampleAnswer())
      expect(await a.get('missing')).toBeNull()
      expect(await a.stats()).toMatchObject({ hits: 1, misses: 1, tokensSaved: 1285 })
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('reads an entry another version wrote in another shape as a miss', async () => {
    const prefix = `${uniquePrefix('cache-shape')}:`
    prefixes.push(prefix)
    const cache = await openRedisAnswerCache({ url, keyPrefix: prefix, ttlMs: 60_000, maxEntryBytes: 64 * 1024, commandTimeoutMs: 1000, logger: silentLogger })
    const { Redis } = await import('ioredis')
    const raw = new Redis(url)
    try {
      await raw.set(`${prefix}k`, '{"answer":"just text"}')
      expect(await cache.get('k')).toBeNull()
    } finally {
      raw.disconnect()
      await cache.close()
    }
  })
})

describe.skipIf(!redisServerAvailable)(`redis answer cache through an outage${redisServerAvailable ? '' : ' (skipped: no redis-server binary)'}`, () => {
  it('bypasses while Redis is down (logged once), and caches again once it is back', async () => {
    const redis = await startOwnRedis()
    const warnings: string[] = []
    const logger: Logger = { ...silentLogger, warn: (_obj, msg) => void warnings.push(msg ?? '') }
    const cache = await openRedisAnswerCache({ url: redis.url, keyPrefix: 'dq:', ttlMs: 60_000, maxEntryBytes: 64 * 1024, commandTimeoutMs: 500, logger })
    try {
      await cache.set('k', sampleAnswer())
      expect(await cache.get('k')).not.toBeNull()

      await redis.stop()
      for (let i = 0; i < 3; i++) {
        expect(await cache.get('k')).toBeNull()
        await cache.set('k2', sampleAnswer())
      }
      const during = await cache.stats()
      expect(during.available).toBe(false)
      expect(during.bypassed).toBeGreaterThanOrEqual(6)
      expect(warnings).toHaveLength(1)

      // The restarted server is empty (no persistence): a miss, then a hit again.
      await redis.start()
      for (let i = 0; i < 100 && !(await cache.stats()).available; i++) await sleep(50)
      expect(await cache.get('k')).toBeNull()
      await cache.set('k', sampleAnswer())
      expect(await cache.get('k')).not.toBeNull()
    } finally {
      await cache.close()
      await redis.stop()
    }
  })

  it('starts without Redis and answers every lookup as a miss', async () => {
    const cache = await openRedisAnswerCache({ url: 'redis://127.0.0.1:1', keyPrefix: 'dq:', ttlMs: 1000, maxEntryBytes: 1024, commandTimeoutMs: 200, logger: silentLogger })
    try {
      expect(await cache.get('k')).toBeNull()
      await cache.set('k', sampleAnswer())
      expect(await cache.stats()).toMatchObject({ available: false, hits: 0, misses: 0 })
    } finally {
      await cache.close()
    }
  })
})
