import { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import type { Logger } from '../log/logger.ts'
import { type QuestionLimitSettings, type QuestionLimiter, noQuestionLimits } from './question-limiter.ts'
import { type LimitScope, RateLimitedError } from './rate-limited-error.ts'

export interface QuestionLimiterOptions extends QuestionLimitSettings {
  /** Counters in Redis, shared by every web process; without it, in this process. */
  redis?: { url: string; keyPrefix: string } | undefined
  logger: Logger
}

/**
 * Question limits on rate-limiter-flexible: a fixed window per asker (within
 * their workspace) and per workspace. On Redis every process counts against
 * the same keys; while Redis is unreachable each process falls back to its
 * own in-memory counters rather than refusing or waving everything through.
 */
export async function openQuestionLimiter(options: QuestionLimiterOptions): Promise<QuestionLimiter> {
  if (!options.perUser && !options.perWorkspace) return noQuestionLimits
  const client = options.redis ? await connect(options.redis.url, options.logger) : null
  const prefix = options.redis?.keyPrefix ?? ''
  const limiter = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: name })
    if (!client) return memory
    return new RateLimiterRedis({ storeClient: client, points, duration, keyPrefix: `${prefix}rate:${name}`, rejectIfRedisNotReady: true, insuranceLimiter: memory })
  }
  const perUser = options.perUser ? limiter('user', options.perUser.questions, options.perUser.windowSeconds) : null
  const perWorkspace = options.perWorkspace ? limiter('workspace', options.perWorkspace.questions, options.perWorkspace.windowSeconds) : null
  // The same library as a counter that never expires: refusals seen by the whole fleet.
  const refusals = limiter('refused', Number.MAX_SAFE_INTEGER, 0)

  const take = async (scope: LimitScope, counter: RateLimiterAbstract, key: string): Promise<void> => {
    try {
      await counter.consume(key)
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        await refusals.penalty('all', 1).catch(() => {})
        throw new RateLimitedError(scope, rejection.msBeforeNext)
      }
      // Neither Redis nor the in-memory insurance answered: a broken counter must not stop questions.
      options.logger.warn({ err: rejection, scope }, 'rate limit could not be checked; question admitted')
    }
  }

  return {
    async admit({ workspace, asker }) {
      if (perUser && asker) await take('user', perUser, `${workspace}:${asker}`)
      if (perWorkspace) await take('workspace', perWorkspace, workspace)
    },
    async stats() {
      const refused = await refusals.get('all').catch(() => null)
      return {
        perUser: options.perUser,
        perWorkspace: options.perWorkspace,
        store: client ? 'redis' : 'memory',
        refused: refused?.consumedPoints ?? 0,
      }
    },
    async close() {
      client?.disconnect()
    },
  }
}

async function connect(url: string, logger: Logger): Promise<Redis> {
  const client = new Redis(url, {
    // Fail at once while disconnected: the in-memory insurance counts meanwhile.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(250 * times, 2000),
    lazyConnect: true,
  })
  let down = false
  client.on('error', (error: unknown) => {
    if (down) return
    down = true
    logger.warn({ err: error }, 'rate limits: Redis unavailable, counting in this process until it is back')
  })
  client.on('ready', () => {
    if (down) logger.info({}, 'rate limits: Redis is back')
    down = false
  })
  await client.connect().catch(() => {})
  return client
}
