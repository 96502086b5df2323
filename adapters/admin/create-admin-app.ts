import { routePath } from 'hono/route'
import type { AdminDeps } from './admin-deps.ts'
import { consoleApp } from './console/console-app.ts'
import { createErrorHandler, notFoundHandler } from './error-boundary.ts'
import { apiRouter } from './openapi/api-router.ts'
import { docsRoutes } from './openapi/docs-routes.ts'
import { serveSpec } from './openapi/openapi-spec.ts'
import { requireAdmin } from './require-admin.ts'
import { askRoutes } from './routes/ask-routes.ts'
import { documentRoutes } from './routes/document-routes.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { jobRoutes, reindexRoutes } from './routes/job-routes.ts'
import { metricsRoutes } from './routes/metrics-routes.ts'
import { statsRoutes } from './routes/stats-routes.ts'
import { feedbackRoutes } from './routes/feedback-routes.ts'

/** The admin API. Platform webhooks mount on the same server with their own auth. */
export function createAdminApp(deps: AdminDeps) {
  const app = apiRouter()
  app.use(async (c, next) => {
    await next()
    deps.metrics.httpRequests.inc({ method: c.req.method, route: routePath(c), status: String(c.res.status) })
  })
  app.route('/health', healthRoutes(deps))
  app.use('/api/*', requireAdmin(deps.adminToken))
  app.use('/metrics', requireAdmin(deps.adminToken))
  app.route('/metrics', metricsRoutes(deps))
  app.route('/api/ask', askRoutes(deps))
  app.route('/api/stats', statsRoutes(deps))
  app.route('/api/documents', documentRoutes(deps))
  app.route('/api/reindex', reindexRoutes(deps))
  app.route('/api/jobs', jobRoutes(deps))
  app.route('/api/feedback', feedbackRoutes(deps))
  for (const mount of deps.mounts ?? []) app.route(mount.path, mount.app)
  serveSpec(app)
  app.route('/docs', docsRoutes())
  app.route('/admin', consoleApp(deps))
  app.notFound(notFoundHandler)
  app.onError(createErrorHandler(deps.logger))
  return app
}

export type AdminApp = ReturnType<typeof createAdminApp>
