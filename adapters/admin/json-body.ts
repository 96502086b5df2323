import { AppError, formatBytes } from '../../src/index.ts'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/** Bodies of the JSON routes are small; 64 KB holds any question (2,000 characters) many times over. */
export const DEFAULT_JSON_LIMIT = 64 * 1024

export interface JsonBodyOptions {
  maxBytes?: number
  /** The route also works with no body at all (POST /api/reindex). */
  optional?: boolean
}

/**
 * Guards a JSON route before its handler reads anything: a body over the
 * limit is refused while it streams in (413, never parsed in full), and a
 * body that is not declared JSON is refused (415) rather than guessed at,
 * and one that does not parse is a 400 in plain words.
 */
export function jsonBody(options: JsonBodyOptions = {}): MiddlewareHandler {
  const maxBytes = options.maxBytes ?? DEFAULT_JSON_LIMIT
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('too_large', `The request body is larger than the ${formatBytes(maxBytes)} this route accepts.`)
    },
  })
  return async (c, next) => {
    if (options.optional && !hasBody(c)) return await next()
    if (!isJsonType(c.req.header('content-type'))) {
      throw new AppError('unsupported_type', 'The request body must be JSON, sent with Content-Type: application/json.')
    }
    // Parsed here, inside the limit, so a body that is not JSON is said plainly (the route's schema validates it next).
    return await limit(c, async () => {
      try {
        await c.req.json()
      } catch (error) {
        throw new AppError('invalid_input', 'The request body must be JSON.', { cause: error })
      }
      await next()
    })
  }
}

// application/json, or a structured +json type (application/merge-patch+json), with any parameters.
const isJsonType = (header: string | undefined): boolean => /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(header?.trim() ?? '')

/**
 * Whether the request carries a body: its length when given; otherwise a
 * chunked body, or (a request built in process, no framing headers) a body
 * stream that came with a declared type.
 */
export function hasBody(c: Context): boolean {
  const length = c.req.header('content-length')
  if (length !== undefined) return length.trim() !== '0'
  if (c.req.header('transfer-encoding') !== undefined) return true
  return c.req.raw.body !== null && c.req.header('content-type') !== undefined
}
