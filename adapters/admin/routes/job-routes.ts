import { createRoute, z } from '@hono/zod-openapi'
import type { AdminDeps } from '../admin-deps.ts'
import { jsonBody } from '../json-body.ts'
import { apiRouter } from '../openapi/api-router.ts'
import { Job, adminSecurity, errorResponses, jsonContent } from '../openapi/api-schemas.ts'
import { pathId } from '../route-input.ts'

// A documentId that is no UUID is answered by the core as an unknown document (404), as the CLI expects.
const ReindexBody = z
  .object({ documentId: z.string().trim().min(1).optional().openapi({ description: 'one document; absent: all of them' }) })
  .strict()
  .openapi('ReindexRequest')

export const reindexRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['jobs'],
  summary: 'Reindex one document or all of them from their stored bytes (a job to follow)',
  security: adminSecurity,
  middleware: [jsonBody({ optional: true })],
  request: { body: { content: { 'application/json': { schema: ReindexBody } }, required: false } },
  responses: { 202: jsonContent(Job, 'The job, already started'), ...errorResponses(400, 401, 404, 413, 415) },
})

export const jobRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['jobs'],
  summary: 'Progress of a reindex job',
  security: adminSecurity,
  request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, format: 'uuid' }) }) },
  responses: { 200: jsonContent(Job, 'The job'), ...errorResponses(401, 404) },
})

export function reindexRoutes(deps: Pick<AdminDeps, 'core'>) {
  return apiRouter().openapi(reindexRoute, async (c) => {
    const body = c.req.valid('json')
    const job = await deps.core.reindex(body.documentId)
    return c.json(job, 202)
  })
}

export function jobRoutes(deps: Pick<AdminDeps, 'core'>) {
  return apiRouter().openapi(jobRoute, async (c) => c.json(await deps.core.job(pathId(c, 'job')), 200))
}
