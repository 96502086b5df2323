import type { MiddlewareHandler } from 'hono'

/** Pages load only their own CSS and script, cannot be framed, and are never cached (they show live state). */
export const consolePolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

export const consoleHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  c.header('content-security-policy', consolePolicy)
  c.header('x-content-type-options', 'nosniff')
  c.header('referrer-policy', 'no-referrer')
  if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store')
}
