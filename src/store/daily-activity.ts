import { sql } from 'drizzle-orm'
import { type Orm, countOf, msOf, selectRows } from './db/database.ts'

/** One UTC day of questions: how many, how answered, how fast, at what cost, how they were judged. */
export interface ActivityDay {
  /** `YYYY-MM-DD` (UTC). */
  day: string
  questions: number
  grounded: number
  declined: number
  cacheHits: number
  latencyP50Ms: number | null
  latencyP95Ms: number | null
  tokensIn: number
  tokensOut: number
  helpful: number
  notHelpful: number
  /** Questions per answer provider (`extractive`, `openai:gpt-4o-mini`, …). */
  providers: Record<string, number>
}

export const MAX_ACTIVITY_DAYS = 90

/** The last `days` UTC days up to `now`, oldest first; a day without questions is there with zeros. */
export async function dailyActivity(orm: Orm, days: number, now = new Date()): Promise<ActivityDay[]> {
  const span = Math.min(Math.max(Math.trunc(days), 1), MAX_ACTIVITY_DAYS)
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (span - 1)))
  const day = sql`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`
  const totals = await selectRows<Record<string, string | number | null>>(
    orm,
    sql`select ${day} as day,
          count(*) as questions,
          count(*) filter (where grounded) as grounded,
          count(*) filter (where cache_hit) as cache_hits,
          percentile_cont(0.5) within group (order by latency_ms) as p50,
          percentile_cont(0.95) within group (order by latency_ms) as p95,
          coalesce(sum(tokens_in), 0) as tokens_in,
          coalesce(sum(tokens_out), 0) as tokens_out,
          count(*) filter (where feedback = 'helpful') as helpful,
          count(*) filter (where feedback = 'not_helpful') as not_helpful
        from queries where created_at >= ${first.toISOString()}::timestamptz
        group by 1`,
  )
  const providers = await selectRows<{ day: string; provider: string; n: string | number }>(
    orm,
    sql`select ${day} as day, provider, count(*) as n from queries
        where created_at >= ${first.toISOString()}::timestamptz group by 1, 2`,
  )
  const byDay = new Map(totals.map((row) => [String(row.day), row]))
  return Array.from({ length: span }, (_, i) => {
    const key = new Date(first.getTime() + i * 86_400_000).toISOString().slice(0, 10)
    const row = byDay.get(key)
    return {
      day: key,
      questions: countOf(row?.questions),
      grounded: countOf(row?.grounded),
      declined: countOf(row?.questions) - countOf(row?.grounded),
      cacheHits: countOf(row?.cache_hits),
      latencyP50Ms: msOf(row?.p50),
      latencyP95Ms: msOf(row?.p95),
      tokensIn: countOf(row?.tokens_in),
      tokensOut: countOf(row?.tokens_out),
      helpful: countOf(row?.helpful),
      notHelpful: countOf(row?.not_helpful),
      providers: Object.fromEntries(providers.filter((p) => p.day === key).map((p) => [p.provider, countOf(p.n)])),
    }
  })
}
