/**
 * Every expected failure in DocuQuery is an AppError with a stable code.
 * Adapters turn codes into words or HTTP statuses; retry and fallback logic
 * reads `retryable`, never the message text.
 */
export const errorCodes = [
  'unsupported_type',
  'too_large',
  'encrypted',
  'no_text',
  'garbled_text',
  'parse_failed',
  'parse_timeout',
  'empty',
  'unreadable',
  'provider_unavailable',
  'rate_limited',
  'not_found',
  'unauthorized',
  'invalid_input',
  'conflict',
  'internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

/**
 * Why a document could not be read. Their messages are phrased "it …" so an
 * adapter can write them after the file's name ("I can't read *scan.pdf*: it
 * has no text layer").
 */
export const documentErrorCodes: ReadonlySet<string> = new Set<ErrorCode>([
  'unsupported_type',
  'too_large',
  'encrypted',
  'no_text',
  'garbled_text',
  'parse_failed',
  'parse_timeout',
  'empty',
  'unreadable',
])

const retryableByDefault: ReadonlySet<ErrorCode> = new Set([
  'provider_unavailable',
  'rate_limited',
  'parse_timeout',
  'internal',
])

export interface AppErrorOptions {
  cause?: unknown
  retryable?: boolean
  context?: Record<string, unknown>
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean
  readonly context: Record<string, unknown>

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.retryable = options.retryable ?? retryableByDefault.has(code)
    this.context = options.context ?? {}
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message }
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

/** Wraps anything thrown into an AppError, keeping the original as `cause`. */
export function toAppError(value: unknown, fallback: ErrorCode = 'internal', message = 'Unexpected error'): AppError {
  if (value instanceof AppError) return value
  return new AppError(fallback, message, { cause: value })
}
