import { formatBytes, isAppError } from '../../../src/index.ts'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { httpStatusOf } from '../error-boundary.ts'
import { type ConsoleEnv, requireCsrf, requireSession } from './console-auth.ts'
import type { ConsoleDeps } from './console-deps.ts'
import { consoleActions } from './console-actions.ts'
import { consoleHeaders } from './console-headers.ts'
import { consolePages } from './console-pages.ts'
import { consoleJs } from './console-script.ts'
import { createConsoleSessions } from './console-sessions.ts'
import { consoleCss } from './console-style.ts'
import { createLoginLimiter } from './login-limiter.ts'
import { loginRoutes, logoutRoute } from './login-routes.ts'
import { messagePage } from './pages/message-page.ts'

/**
 * The admin console at /admin: server-rendered pages over the core, one
 * small script, charts as inline SVG. Login with ADMIN_TOKEN gives a signed
 * session cookie; every action carries the session's CSRF token.
 */
export function consoleApp(deps: ConsoleDeps) {
  const sessions = createConsoleSessions(deps.adminToken)
  const { app: pages, renderDocuments } = consolePages(deps)
  const app = new Hono<ConsoleEnv>()
  app.use('*', consoleHeaders)
  const asset = (body: string, type: string) => () =>
    new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=3600' } })
  app.get('/assets/console.css', asset(consoleCss, 'text/css; charset=utf-8'))
  app.get('/assets/console.js', asset(consoleJs, 'text/javascript; charset=utf-8'))
  app.route('/', loginRoutes({ sessions, limiter: createLoginLimiter(), logger: deps.logger, adminToken: deps.adminToken }))
  // Everything below needs a session; every POST below also its CSRF token.
  app.use('*', requireSession(sessions, deps.adminToken))
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.maxFileBytes * 4 + 1024 * 1024,
      onError: (c) => c.html(messagePage('Upload too large', `Each file may be at most ${formatBytes(deps.maxFileBytes)}; upload fewer or smaller files at once.`), 413),
    }),
  )
  app.use('*', requireCsrf(sessions))
  app.route('/', logoutRoute(sessions, deps.adminToken))
  app.route('/', pages)
  app.route('/', consoleActions(deps, renderDocuments))
  app.notFound((c) => c.html(messagePage('Not found', 'There is no such console page.'), 404))
  app.onError((error, c) => {
    const expected = isAppError(error) && error.code !== 'internal'
    if (!expected) deps.logger.error({ err: error, path: c.req.path, method: c.req.method }, 'admin console request failed')
    const status = expected ? httpStatusOf(error.code) : 500
    const message = expected ? error.message : 'Something went wrong on our side; it has been logged.'
    if (c.req.path.startsWith('/admin/jobs/')) return c.json({ error: { code: expected ? error.code : 'internal', message } }, status)
    return c.html(messagePage(expected ? 'Could not do that' : 'Something went wrong', message), status)
  })
  return app
}
