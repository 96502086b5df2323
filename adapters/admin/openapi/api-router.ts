import { AppError } from '../../../src/index.ts'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AdminEnv } from '../admin-env.ts'

interface ValidationResult {
  success: boolean
  target: string
  error?: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }
}

/**
 * A request the route's zod schema refuses is the client's error, said as
 * the routes always said it ("Invalid request: question: is required"), and
 * answered by the one error boundary like every other AppError.
 */
export function refuseInvalid(result: ValidationResult): void {
  if (result.success) return
  const where = result.target === 'query' ? 'query' : 'body'
  const detail = (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.') || where}: ${i.message}`).join('; ')
  throw new AppError('invalid_input', `Invalid ${where === 'query' ? 'query' : 'request'}: ${detail}`, { cause: result.error })
}

/** A router whose routes are described by their zod schemas: they validate requests and write /openapi.json. */
export function apiRouter() {
  return new OpenAPIHono<AdminEnv>({ defaultHook: refuseInvalid })
}
