import { Redis } from 'ioredis'
import type { Logger } from '../log/logger.ts'
import { type AnswerCache, type AnswerCacheLimits, type AnswerCacheStats, hitRate } from './answer-cache.ts'
import { byteLength, decodeCachedAnswer, encodeCachedAnswer } from './cached-answer-codec.ts'

export interface RedisAnswerCacheOptions extends AnswerCacheLimits {
  url: string
  /** Prepended to every key, e.g. `docuquery:`; tests use one of their own. */
  keyPrefix: string
  /** A command slower than this counts as an outage: a dead Redis must not stall questions. */
  commandTimeoutMs: number
  logger: Logger
}

type Counter = 'hits' | 'misses' | 'tooLarge' | 'tokensSaved'

/**
 * The answer cache on Redis, shared by every process. Entries expire by TTL
 * (Redis's `maxmemory-policy` bounds the total). The hit and miss counters
 * live in Redis too, so `stats` shows the whole fleet. When Redis is down or
 * slow, lookups are misses and writes are dropped at once; the outage is
 * logged once and counted as `bypassed`.
 */
export async function openRedisAnswerCache(options: RedisAnswerCacheOptions): Promise<AnswerCache> {
  const client = new Redis(options.url, {
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(1000, options.commandTimeoutMs * 4),
    // Fail at once while disconnected instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(250 * times, 2000),
    lazyConnect: true,
  })
  const statsKey = `${options.keyPrefix}answer-cache:stats`
  const local: Record<Counter, number> & { bypassed: number } = { hits: 0, misses: 0, tooLarge: 0, tokensSaved: 0, bypassed: 0 }
  let down = false

  const noteFailure = (error: unknown) => {
    local.bypassed++
    if (down) return
    down = true
    options.logger.warn({ err: error }, 'answer cache unavailable: answering without it until Redis is back')
  }
  client.on('error', (error: unknown) => {
    if (!down) {
      down = true
      options.logger.warn({ err: error }, 'answer cache unavailable: answering without it until Redis is back')
    }
  })
  client.on('ready', () => {
    if (!down) return
    down = false
    options.logger.info({}, 'answer cache is back')
  })
  // A first connection that fails is an outage like any other: start anyway.
  await client.connect().catch(() => {})

  const ready = () => client.status === 'ready'
  const count = (counter: Counter, by = 1) => {
    local[counter] += by
    if (!ready()) return
    client.hincrby(statsKey, counter, by).catch(() => {})
  }

  return {
    async get(key, lookup) {
      if (!ready()) {
        noteFailure(new Error(`redis is ${client.status}`))
        return null
      }
      let text: string | null
      try {
        text = await client.get(options.keyPrefix + key)
      } catch (error) {
        noteFailure(error)
        return null
      }
      const value = text === null ? null : decodeCachedAnswer(text)
      if (!value) {
        if (lookup?.countMiss !== false) count('misses')
        return null
      }
      count('hits')
      count('tokensSaved', value.tokensIn + value.tokensOut)
      return value
    },

    async set(key, value) {
      const text = encodeCachedAnswer(value)
      if (byteLength(text) > options.maxEntryBytes) {
        count('tooLarge')
        return
      }
      if (!ready()) {
        noteFailure(new Error(`redis is ${client.status}`))
        return
      }
      try {
        await client.set(options.keyPrefix + key, text, 'PX', options.ttlMs)
      } catch (error) {
        noteFailure(error)
      }
    },

    async stats(): Promise<AnswerCacheStats> {
      let shared: Record<string, string> | null = null
      if (ready()) shared = await client.hgetall(statsKey).catch(() => null)
      const read = (counter: Counter) => (shared ? Number(shared[counter] ?? 0) : local[counter])
      return {
        backend: 'redis',
        hits: read('hits'),
        misses: read('misses'),
        bypassed: local.bypassed,
        tooLarge: read('tooLarge'),
        hitRate: hitRate(read('hits'), read('misses')),
        tokensSaved: read('tokensSaved'),
        entries: null,
        available: shared !== null,
      }
    },

    async close() {
      try {
        if (ready()) await client.quit()
        else client.disconnect()
      } catch {
        client.disconnect()
      }
    },
  }
}
