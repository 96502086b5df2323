import { AppError } from '../../src/index.ts'
import type { Context } from 'hono'
import { z } from 'zod'

/** Document and job ids are UUIDs; anything else would fail inside the SQL cast. */
export const idSchema = z.uuid()

/**
 * A path id checked before any SQL: a malformed id names no resource, so it
 * is a 404 like an unknown one (never the 500 of a failed uuid cast).
 */
export function pathId(c: Context, what: string, name = 'id'): string {
  const value = c.req.param(name) ?? ''
  const parsed = idSchema.safeParse(value)
  if (!parsed.success) throw new AppError('not_found', `no ${what} with id ${value}`)
  return parsed.data
}
