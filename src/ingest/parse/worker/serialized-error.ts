import { AppError, errorCodes } from '../../../platform/app-error.ts'
import type { ErrorCode } from '../../../platform/app-error.ts'

/** What crosses the thread boundary for a failed job: an AppError without its cause. */
export interface SerializedError {
  code: ErrorCode
  message: string
  retryable: boolean
  context: Record<string, string | number | boolean | null>
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, retryable: error.retryable, context: primitiveContext(error) }
  }
  // A parser threw something unexpected: for the user the file could not be read.
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { code: 'parse_failed', message: 'it could not be read (it may be damaged)', retryable: false, context: { detail } }
}

export function deserializeError(value: SerializedError): AppError {
  const code: ErrorCode = (errorCodes as readonly string[]).includes(value.code) ? value.code : 'parse_failed'
  return new AppError(code, value.message, { retryable: value.retryable, context: value.context })
}

function primitiveContext(error: AppError): SerializedError['context'] {
  const context: SerializedError['context'] = {}
  for (const [key, value] of Object.entries(error.context)) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      context[key] = value
    }
  }
  if (error.cause instanceof Error) context['detail'] = `${error.cause.name}: ${error.cause.message}`
  return context
}
