import { AppError, type Logger } from '../../src/index.ts'
import { createRoute, z } from '@hono/zod-openapi'
import { z as zod } from 'zod'
import { apiRouter } from '../admin/openapi/api-router.ts'
import { adminSecurity, errorResponses, jsonContent } from '../admin/openapi/api-schemas.ts'
import { createErrorHandler } from '../admin/error-boundary.ts'
import { jsonBody } from '../admin/json-body.ts'
import { readJson } from '../admin/read-json.ts'
import { requireAdmin } from '../admin/require-admin.ts'
import { emailRouteSchema, emailRoutesFileSchema } from './email-routes.ts'
import type { RouteTable } from './route-table.ts'

const EmailRoutes = z.object({ routes: z.array(emailRouteSchema), file: z.string() }).openapi('EmailRoutes')
const json = (schema: zod.ZodType) => ({ content: { 'application/json': { schema } }, required: true })

const listRoute = createRoute({
  method: 'get',
  path: '/routes',
  tags: ['e-mail'],
  summary: 'The address → workspace/channel mapping of inbound e-mail',
  security: adminSecurity,
  responses: { 200: jsonContent(EmailRoutes, 'The routes and the file they are kept in'), ...errorResponses(401) },
})

const replaceRoute = createRoute({
  method: 'put',
  path: '/routes',
  tags: ['e-mail'],
  summary: 'Replace every route',
  security: adminSecurity,
  // A routes table is a list of short objects; 1 MB holds thousands of them.
  middleware: [jsonBody({ maxBytes: 1024 * 1024 })],
  request: { body: json(emailRoutesFileSchema) },
  responses: { 200: jsonContent(EmailRoutes, 'The routes now'), ...errorResponses(400, 401, 413, 415) },
})

const addRoute = createRoute({
  method: 'post',
  path: '/routes',
  tags: ['e-mail'],
  summary: 'Add or replace the route of one address',
  security: adminSecurity,
  middleware: [jsonBody()],
  request: { body: json(emailRouteSchema) },
  responses: { 201: jsonContent(EmailRoutes, 'The routes now'), ...errorResponses(400, 401, 413, 415) },
})

const deleteRoute = createRoute({
  method: 'delete',
  path: '/routes/{address}',
  tags: ['e-mail'],
  summary: 'Remove the route of one address',
  security: adminSecurity,
  request: { params: z.object({ address: z.string().openapi({ param: { name: 'address', in: 'path' }, example: 'docs@example.com' }) }) },
  responses: { 200: jsonContent(EmailRoutes, 'The routes now'), ...errorResponses(401, 404) },
})

/**
 * `/api/email/routes` (admin token, like the rest of /api): the address →
 * workspace/channel mapping. GET lists it; PUT replaces it; POST adds or
 * replaces the route of one address; DELETE /:address removes one. Changes are
 * written to the routes file and apply to the next message.
 */
export function emailAdminRoutes(deps: { table: RouteTable; adminToken: string | undefined; logger: Logger }) {
  const app = apiRouter()
  app.use('*', requireAdmin(deps.adminToken))
  const answer = () => ({ routes: deps.table.list(), file: deps.table.file })
  // The schemas validate and document; the table checks again (workspace keys, channels) and keeps the raw body's words.
  app.openapi(listRoute, (c) => c.json(answer(), 200))
  app.openapi(replaceRoute, async (c) => {
    deps.table.replace(await readJson(c, zod.unknown()))
    return c.json(answer(), 200)
  })
  app.openapi(addRoute, async (c) => {
    const route = await readJson(c, zod.unknown())
    const address = typeof route === 'object' && route !== null && 'address' in route ? String(route.address).trim().toLowerCase() : ''
    deps.table.replace([...deps.table.list().filter((r) => r.address !== address), route])
    return c.json(answer(), 201)
  })
  app.openapi(deleteRoute, (c) => {
    const address = c.req.param('address').trim().toLowerCase()
    const routes = deps.table.list()
    if (!routes.some((r) => r.address === address)) throw new AppError('not_found', `no e-mail route for ${address}`)
    deps.table.replace(routes.filter((r) => r.address !== address))
    return c.json(answer(), 200)
  })
  app.onError(createErrorHandler(deps.logger))
  return app
}
