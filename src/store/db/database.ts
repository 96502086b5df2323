import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema.ts'

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>

/**
 * The database port. PGlite and PostgreSQL differ only in how they are opened
 * and in the shape raw results come back in; everything above sees this.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres'
  readonly orm: Orm
  close(): Promise<void>
}

/** Anything that can run SQL: the database or a transaction inside it. */
export type Executor = Pick<Orm, 'execute'>

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function selectRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await executor.execute(query)
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}

/** A count or sum as the drivers return it (bigint strings on PostgreSQL, numbers on PGlite, null for none). */
export const countOf = (value: unknown): number => Number(value ?? 0)

/** A latency in ms from SQL (percentile_cont), to one decimal; null when there were no rows. */
export const msOf = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10)
