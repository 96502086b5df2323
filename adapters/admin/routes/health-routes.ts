import { createRoute, z } from '@hono/zod-openapi'
import type { AdminDeps } from '../admin-deps.ts'
import { apiRouter } from '../openapi/api-router.ts'
import { jsonContent } from '../openapi/api-schemas.ts'

export const liveRoute = createRoute({
  method: 'get',
  path: '/live',
  tags: ['health'],
  summary: 'The process answers (no token)',
  responses: { 200: jsonContent(z.object({ status: z.literal('ok') }), 'Alive') },
})

export const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['health'],
  summary: 'The database answers (no token)',
  responses: {
    200: jsonContent(z.object({ status: z.literal('ready') }), 'Ready'),
    503: jsonContent(z.object({ status: z.literal('unavailable') }), 'The database does not answer'),
  },
})

export function healthRoutes(deps: Pick<AdminDeps, 'isReady'>) {
  return apiRouter()
    .openapi(liveRoute, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyRoute, async (c) => {
      const ready = await deps.isReady().catch(() => false)
      return ready ? c.json({ status: 'ready' as const }, 200) : c.json({ status: 'unavailable' as const }, 503)
    })
}
