import { createRoute } from '@hono/zod-openapi'
import type { AdminDeps } from '../admin-deps.ts'
import { apiRouter } from '../openapi/api-router.ts'
import { Stats, adminSecurity, errorResponses, jsonContent } from '../openapi/api-schemas.ts'

export const statsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['stats'],
  summary: 'Documents, questions, cache, answer models and limits',
  security: adminSecurity,
  responses: { 200: jsonContent(Stats, 'The figures'), ...errorResponses(401) },
})

export function statsRoutes(deps: Pick<AdminDeps, 'core'>) {
  return apiRouter().openapi(statsRoute, async (c) => c.json(await deps.core.stats(), 200))
}
