import { AppError, type Logger } from '../../src/index.ts'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AdminEnv } from '../admin/admin-env.ts'
import { createErrorHandler } from '../admin/error-boundary.ts'
import { jsonBody } from '../admin/json-body.ts'
import { readJson } from '../admin/read-json.ts'
import { requireAdmin } from '../admin/require-admin.ts'
import type { RouteTable } from './route-table.ts'

/**
 * `/api/email/routes` (admin token, like the rest of /api): the address →
 * workspace/channel mapping. GET lists it; PUT replaces it; POST adds or
 * replaces the route of one address; DELETE /:address removes one. Changes are
 * written to the routes file and apply to the next message.
 */
export function emailAdminRoutes(deps: { table: RouteTable; adminToken: string | undefined; logger: Logger }) {
  const app = new Hono<AdminEnv>()
  app.use('*', requireAdmin(deps.adminToken))
  const answer = () => ({ routes: deps.table.list(), file: deps.table.file })
  app.get('/routes', (c) => c.json(answer()))
  // A routes table is a list of short objects; 1 MB holds thousands of them.
  const body = jsonBody({ maxBytes: 1024 * 1024 })
  app.put('/routes', body, async (c) => {
    deps.table.replace(await readJson(c, z.unknown()))
    return c.json(answer())
  })
  app.post('/routes', jsonBody(), async (c) => {
    const route = await readJson(c, z.unknown())
    const address = typeof route === 'object' && route !== null && 'address' in route ? String(route.address).trim().toLowerCase() : ''
    deps.table.replace([...deps.table.list().filter((r) => r.address !== address), route])
    return c.json(answer(), 201)
  })
  app.delete('/routes/:address', (c) => {
    const address = c.req.param('address').trim().toLowerCase()
    const routes = deps.table.list()
    if (!routes.some((r) => r.address === address)) throw new AppError('not_found', `no e-mail route for ${address}`)
    deps.table.replace(routes.filter((r) => r.address !== address))
    return c.json(answer())
  })
  app.onError(createErrorHandler(deps.logger))
  return app
}
