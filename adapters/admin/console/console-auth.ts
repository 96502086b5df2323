import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { CookieOptions } from 'hono/utils/cookie'
import type { AdminBindings } from '../admin-env.ts'
import { type ConsoleSession, type ConsoleSessions, SESSION_LIFETIME_MS } from './console-sessions.ts'
import { messagePage } from './pages/message-page.ts'

export type ConsoleEnv = { Bindings: AdminBindings; Variables: { session: ConsoleSession } }

export const SESSION_COOKIE = 'dq_session'
export const LOGIN_COOKIE = 'dq_login'

export const SESSION_LIFETIME_SECONDS = SESSION_LIFETIME_MS / 1000

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export const clientAddress = (c: Context<ConsoleEnv>): string => c.env?.incoming?.socket.remoteAddress ?? 'unknown'

/** HttpOnly, SameSite=Strict, only under /admin; Secure when the browser reached us over HTTPS (directly or through a proxy). */
export function cookieOptions(c: Context, maxAgeSeconds: number): CookieOptions {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()
  const secure = new URL(c.req.url).protocol === 'https:' || forwarded === 'https'
  return { httpOnly: true, sameSite: 'Strict', path: '/admin', secure, maxAge: maxAgeSeconds }
}

/**
 * Every console page but the login form needs a session. With ADMIN_TOKEN, a
 * session comes from logging in with it; without one, the console follows
 * the rule of /api/*: clients on this machine only, and they need no login.
 */
export function requireSession(sessions: ConsoleSessions, adminToken: string | undefined): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    let session = sessions.read(getCookie(c, SESSION_COOKIE))
    if (!adminToken) {
      if (!loopback.has(clientAddress(c))) {
        return c.html(messagePage('Console not available', 'Set ADMIN_TOKEN to use the console from another machine; without it, only this machine may.'), 403)
      }
      if (!session) {
        const issued = sessions.issue()
        setCookie(c, SESSION_COOKIE, issued.cookie, cookieOptions(c, SESSION_LIFETIME_SECONDS))
        session = issued.session
      }
    }
    if (!session) {
      if (c.req.method === 'GET' && !c.req.path.startsWith('/admin/jobs/')) {
        return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}`, 303)
      }
      return c.json({ error: { code: 'unauthorized', message: 'Log in to the console first.' } }, 401)
    }
    c.set('session', session)
    return await next()
  }
}

/**
 * Every state-changing console request carries the session's CSRF token: a
 * hidden `_csrf` field in forms, or an `X-CSRF-Token` header from script.
 * The session cookie is SameSite=Strict as well; the token does not rely on it.
 */
export function requireCsrf(sessions: ConsoleSessions): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return await next()
    let given = c.req.header('x-csrf-token') ?? ''
    if (!given && /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(c.req.header('content-type') ?? '')) {
      // Read with `all` so the handler's own read (several files) gets every value from the cache.
      const form = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>)
      given = typeof form._csrf === 'string' ? form._csrf : ''
    }
    if (!sessions.csrfValid(c.get('session'), given)) {
      return c.html(messagePage('Form expired', 'This form is no longer valid (it came from an older session). Go back, reload the page and try again.'), 403)
    }
    return await next()
  }
}
