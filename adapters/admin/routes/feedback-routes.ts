import { Hono } from 'hono'
import { z } from 'zod'
import type { AdminEnv } from '../admin-env.ts'
import type { AdminDeps } from '../admin-deps.ts'
import { parseQuery } from '../route-input.ts'
import { parseSince } from '../../shared/parse-since.ts'

const feedbackQuery = z.object({
  since: z.string().trim().min(1).default('7d'),
  workspace: z.string().trim().min(1).optional(),
  helpful: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(5_000).optional(),
})

/** `GET /api/feedback`: answers marked not helpful (or, with helpful=true, helpful), newest first. */
export function feedbackRoutes(deps: Pick<AdminDeps, 'core'>) {
  return new Hono<AdminEnv>().get('/', async (c) => {
    const query = parseQuery(c, feedbackQuery)
    const items = await deps.core.feedback({
      since: parseSince(query.since),
      helpful: query.helpful === 'true',
      ...(query.workspace ? { workspace: query.workspace } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    })
    return c.json({ feedback: items })
  })
}
