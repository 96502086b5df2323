import { sql } from 'drizzle-orm'
import type { AnswerCache, AnswerCacheStats } from '../platform/cache/answer-cache.ts'
import { type Orm, countOf, msOf, selectRows } from './db/database.ts'
import { embeddingModelsInUse } from './embedding-models.ts'
import type { QuestionLimiterStats } from '../platform/limits/question-limiter.ts'
import type { TokenBudgetStats } from '../platform/limits/token-budget.ts'

export interface Stats {
  documents: { total: number; indexed: number; pending: number; processing: number; failed: number }
  chunks: number
  pages: number
  workspaces: number
  queries: { total: number; grounded: number; cacheHits: number; latencyP50Ms: number | null; latencyP95Ms: number | null }
  embeddingModels: string[]
  failures: Array<{ code: string; count: number }>
  /** The answer cache's own counters (fleet-wide on Redis, this process's in memory). */
  cache: AnswerCacheStats
  /** Answer models in fallback order with their breaker state in this process; empty: extractive answers. */
  answerModels: Array<{ model: string; breaker: string }>
  /** 👍/👎 on answers; added by the core. */
  feedback?: { helpful: number; notHelpful: number }
  /** Rate limits on questions and the daily token budget (src/platform/limits); added by the core. */
  limits?: { questions: QuestionLimiterStats; tokenBudget: TokenBudgetStats | null }
}

export async function collectStats(orm: Orm, cache: AnswerCache, answerModels: Stats['answerModels'] = []): Promise<Stats> {
  const [docs] = await selectRows<Record<string, string | number | null>>(
    orm,
    sql`select count(*) as total,
          count(*) filter (where status = 'indexed') as indexed,
          count(*) filter (where status = 'pending') as pending,
          count(*) filter (where status = 'processing') as processing,
          count(*) filter (where status = 'failed') as failed,
          coalesce(sum(chunk_count), 0) as chunks,
          coalesce(sum(pages) filter (where status = 'indexed'), 0) as pages
        from documents`,
  )
  const [qs] = await selectRows<Record<string, string | number | null>>(
    orm,
    sql`select count(*) as total,
          count(*) filter (where grounded) as grounded,
          count(*) filter (where cache_hit) as cache_hits,
          percentile_cont(0.5) within group (order by latency_ms) as p50,
          percentile_cont(0.95) within group (order by latency_ms) as p95
        from queries`,
  )
  const [ws] = await selectRows<{ n: number }>(orm, sql`select count(*) as n from workspaces`)
  const failures = await selectRows<{ code: string; count: number }>(
    orm,
    sql`select error_code as code, count(*) as count from documents where status = 'failed' group by 1 order by 2 desc`,
  )
  return {
    documents: {
      total: countOf(docs?.total),
      indexed: countOf(docs?.indexed),
      pending: countOf(docs?.pending),
      processing: countOf(docs?.processing),
      failed: countOf(docs?.failed),
    },
    chunks: countOf(docs?.chunks),
    pages: countOf(docs?.pages),
    workspaces: countOf(ws?.n),
    queries: {
      total: countOf(qs?.total),
      grounded: countOf(qs?.grounded),
      cacheHits: countOf(qs?.cache_hits),
      latencyP50Ms: msOf(qs?.p50),
      latencyP95Ms: msOf(qs?.p95),
    },
    embeddingModels: await embeddingModelsInUse(orm),
    failures: failures.map((f) => ({ code: f.code, count: countOf(f.count) })),
    cache: await cache.stats(),
    answerModels,
  }
}
