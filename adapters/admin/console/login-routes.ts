import type { Logger } from '../../../src/index.ts'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { type ConsoleEnv, LOGIN_COOKIE, SESSION_COOKIE, SESSION_LIFETIME_SECONDS, clientAddress, cookieOptions } from './console-auth.ts'
import type { ConsoleSessions } from './console-sessions.ts'
import type { LoginLimiter } from './login-limiter.ts'
import { loginPage } from './pages/login-page.ts'
import { messagePage } from './pages/message-page.ts'

/** Where to go after logging in: a console page, never another site (`//evil.example`). */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && next.length <= 2000 && /^\/admin(\/|\?|$)/.test(next) && !/[\u0000-\u001f\u007f\\]/.test(next) ? next : '/admin'

/** `GET/POST /admin/login` (token → session cookie) and `POST /admin/logout` (behind the session and CSRF checks). */
export function loginRoutes(deps: { sessions: ConsoleSessions; limiter: LoginLimiter; logger: Logger; adminToken: string | undefined }) {
  const { sessions, limiter } = deps
  const form = (c: Parameters<typeof setCookie>[0], next: string, error?: string) => {
    const login = sessions.loginForm()
    setCookie(c, LOGIN_COOKIE, login.cookie, cookieOptions(c, 3600))
    return loginPage({ csrf: login.csrf, next, ...(error ? { error } : {}) })
  }

  return new Hono<ConsoleEnv>()
    .get('/login', (c) => {
      // Without ADMIN_TOKEN there is nothing to log in with: loopback clients go straight in.
      if (!deps.adminToken || sessions.read(getCookie(c, SESSION_COOKIE))) return c.redirect(safeNext(c.req.query('next')), 303)
      return c.html(form(c, safeNext(c.req.query('next'))))
    })
    // A login form is a token and two hidden fields: 16 KB is plenty, and nothing larger is read.
    .post('/login', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.html(messagePage('Too large', 'That is not a login form.'), 413) }), async (c) => {
      const address = clientAddress(c)
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
      const next = safeNext(body.next)
      const wait = await limiter.blockedFor(address)
      if (wait > 0) {
        c.header('Retry-After', String(wait))
        return c.html(form(c, next, `Too many failed logins from your address; try again in ${wait} s.`), 429)
      }
      if (!sessions.loginFormValid(getCookie(c, LOGIN_COOKIE), typeof body._csrf === 'string' ? body._csrf : '')) {
        return c.html(form(c, next, 'The login form expired; please try again.'), 403)
      }
      if (!deps.adminToken || !sessions.isAdminToken(typeof body.token === 'string' ? body.token : '')) {
        await limiter.fail(address)
        deps.logger.warn({ address }, 'console: failed login')
        return c.html(form(c, next, 'That is not the admin token.'), 401)
      }
      await limiter.succeed(address)
      const issued = sessions.issue()
      setCookie(c, SESSION_COOKIE, issued.cookie, cookieOptions(c, SESSION_LIFETIME_SECONDS))
      deleteCookie(c, LOGIN_COOKIE, { path: '/admin' })
      deps.logger.info({ address }, 'console: logged in')
      return c.redirect(next, 303)
    })
}

/** Ends the session: the cookie goes, and this process refuses the session from now on. */
export function logoutRoute(sessions: ConsoleSessions, adminToken: string | undefined) {
  return new Hono<ConsoleEnv>().post('/logout', (c) => {
    sessions.revoke(c.get('session'))
    deleteCookie(c, SESSION_COOKIE, { path: '/admin' })
    if (!adminToken) return c.html(messagePage('Logged out', 'Without ADMIN_TOKEN, this machine needs no login: the console opens again at /admin.'))
    return c.redirect('/admin/login', 303)
  })
}
