import { AppError } from '../../src/index.ts'
import type { Context } from 'hono'
import type { z } from 'zod'

/** Parses and validates a JSON body; a bad body is the client's error, said plainly. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch (error) {
    throw new AppError('invalid_input', 'The request body must be JSON.', { cause: error })
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
    throw new AppError('invalid_input', `Invalid request: ${detail}`, { cause: parsed.error })
  }
  return parsed.data
}
