import { sql } from 'drizzle-orm'
import { type Orm, selectRows } from '../../store/db/database.ts'
import { formatWorkspaceKey, parseWorkspaceKey } from '../../store/workspace-key.ts'

export interface TokenBudgetStats {
  dailyTokens: number
  /** When today's counts start again (midnight UTC). */
  resetsAt: string
  /** Workspaces that used answer-model tokens today, most first (at most 20). */
  workspaces: Array<{ workspace: string; tokensToday: number; exhausted: boolean }>
}

export interface TokenBudget {
  readonly dailyTokens: number
  /** Tokens the workspace's questions used today (UTC), and whether that is the whole budget. */
  usage(workspace: string): Promise<{ tokensToday: number; exhausted: boolean }>
  stats(): Promise<TokenBudgetStats>
}

// Midnight UTC as a timestamptz, whatever the server's time zone.
const startOfDay = sql`(date_trunc('day', now() at time zone 'utc') at time zone 'utc')`

/**
 * A daily answer-model token budget per workspace. The queries table already
 * records each answer's tokens (cache hits record none), so it is the count:
 * every process sees the same total, and nothing else has to be kept in step.
 * The check comes before a question, so questions asked at the same moment
 * may overshoot the budget by their own tokens.
 */
export function createTokenBudget(orm: Orm, dailyTokens: number): TokenBudget {
  return {
    dailyTokens,
    async usage(workspace) {
      const key = parseWorkspaceKey(workspace)
      const [row] = await selectRows<{ used: number | string | null }>(
        orm,
        sql`select coalesce(sum(coalesce(q.tokens_in, 0) + coalesce(q.tokens_out, 0)), 0) as used
            from queries q join workspaces w on w.id = q.workspace_id
            where w.platform = ${key.platform} and w.external_id = ${key.externalId} and q.created_at >= ${startOfDay}`,
      )
      const tokensToday = Number(row?.used ?? 0)
      return { tokensToday, exhausted: tokensToday >= dailyTokens }
    },
    async stats() {
      const rows = await selectRows<{ platform: string; external_id: string; used: number | string }>(
        orm,
        sql`select w.platform, w.external_id, sum(coalesce(q.tokens_in, 0) + coalesce(q.tokens_out, 0)) as used
            from queries q join workspaces w on w.id = q.workspace_id
            where q.created_at >= ${startOfDay}
            group by w.platform, w.external_id
            having sum(coalesce(q.tokens_in, 0) + coalesce(q.tokens_out, 0)) > 0
            order by used desc limit 20`,
      )
      const midnight = new Date()
      midnight.setUTCHours(24, 0, 0, 0)
      return {
        dailyTokens,
        resetsAt: midnight.toISOString(),
        workspaces: rows.map((r) => {
          const tokensToday = Number(r.used)
          return { workspace: formatWorkspaceKey({ platform: r.platform, externalId: r.external_id }), tokensToday, exhausted: tokensToday >= dailyTokens }
        }),
      }
    },
  }
}
