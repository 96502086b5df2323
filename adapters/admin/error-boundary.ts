import { type ErrorCode, isAppError, type Logger, retryAfterOf } from '../../src/index.ts'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
  unsupported_type: 415,
  too_large: 413,
  encrypted: 422,
  no_text: 422,
  garbled_text: 422,
  parse_failed: 422,
  parse_timeout: 422,
  empty: 422,
  unreadable: 422,
  provider_unavailable: 503,
  rate_limited: 429,
  not_found: 404,
  unauthorized: 401,
  invalid_input: 400,
  conflict: 409,
  internal: 500,
}

/** The HTTP status of an error code, for every admin surface (API and console). */
export const httpStatusOf = (code: ErrorCode): ContentfulStatusCode => statusByCode[code]

/**
 * The admin API's one error boundary: typed errors become their status and
 * message; anything else is logged with its cause and answered without detail.
 */
export function createErrorHandler(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (isAppError(error) && error.code !== 'internal') {
      // A client that honours Retry-After comes back when the window allows it.
      const retryAfter = error.code === 'rate_limited' ? retryAfterOf(error) : null
      return c.json({ error: error.toJSON() }, statusByCode[error.code], retryAfter === null ? {} : { 'Retry-After': String(retryAfter) })
    }
    // Hono's own refusals (a validator's 415, a malformed body) are the client's, said in the same shape.
    if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
      const code = error.status === 415 ? 'unsupported_type' : error.status === 413 ? 'too_large' : error.status === 404 ? 'not_found' : 'invalid_input'
      return c.json({ error: { code, message: error.message || 'The request could not be read.' } }, error.status)
    }
    logger.error({ err: error, path: c.req.path, method: c.req.method }, 'admin API request failed')
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } }, 500)
  }
}

export function notFoundHandler(c: Context): Response {
  return c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404)
}
