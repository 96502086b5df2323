import { createRoute, z } from '@hono/zod-openapi'
import type { AdminDeps } from '../admin-deps.ts'
import { apiRouter } from '../openapi/api-router.ts'
import { adminSecurity, errorResponses } from '../openapi/api-schemas.ts'

export const metricsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['health'],
  summary: 'Prometheus metrics',
  security: adminSecurity,
  responses: {
    200: { content: { 'text/plain': { schema: z.string() } }, description: 'The Prometheus text format' },
    ...errorResponses(401),
  },
})

export function metricsRoutes(deps: Pick<AdminDeps, 'metrics'>) {
  return apiRouter().openapi(metricsRoute, async (c) =>
    c.text(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }),
  )
}
