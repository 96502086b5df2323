import { createRoute, z } from '@hono/zod-openapi'
import type { AdminDeps } from '../admin-deps.ts'
import { apiRouter } from '../openapi/api-router.ts'
import { FeedbackItem, adminSecurity, errorResponses, jsonContent } from '../openapi/api-schemas.ts'
import { parseSince } from '../../shared/parse-since.ts'

const FeedbackQuery = z.object({
  since: z.string().trim().min(1).default('7d').openapi({ description: '30m, 12h, 7d, 2w or a date', example: '7d' }),
  workspace: z.string().trim().min(1).optional(),
  helpful: z.enum(['true', 'false']).default('false').openapi({ description: 'true: the helpful ones; default: the not helpful ones' }),
  limit: z.coerce.number().int().min(1).max(5_000).optional(),
})

export const feedbackRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['feedback'],
  summary: 'Answers marked not helpful (or helpful), newest first',
  security: adminSecurity,
  request: { query: FeedbackQuery },
  responses: { 200: jsonContent(z.object({ feedback: z.array(FeedbackItem) }), 'The marked answers'), ...errorResponses(400, 401) },
})

/** `GET /api/feedback`: answers marked not helpful (or, with helpful=true, helpful), newest first. */
export function feedbackRoutes(deps: Pick<AdminDeps, 'core'>) {
  return apiRouter().openapi(feedbackRoute, async (c) => {
    const query = c.req.valid('query')
    const items = await deps.core.feedback({
      since: parseSince(query.since),
      helpful: query.helpful === 'true',
      ...(query.workspace ? { workspace: query.workspace } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    })
    return c.json({ feedback: items }, 200)
  })
}
