import { AppError } from '../platform/app-error.ts'

export interface ProviderErrorDetails {
  provider: string
  /** HTTP status, when there was a response. */
  status?: number | null
  /** How long the provider asked us to wait (Retry-After and friends). */
  retryAfterMs?: number | null
  cause?: unknown
}

/**
 * Maps an HTTP status from a provider to a typed error: 429 is rate_limited,
 * 5xx (and Anthropic's 529 "overloaded") provider_unavailable, both retryable;
 * 401/403 unauthorized and other 4xx invalid_input, never retried: a bad key
 * stays bad however often it is sent.
 */
export function providerHttpError(details: ProviderErrorDetails & { status: number }, message: string): AppError {
  const { provider, status } = details
  const context = { provider, status, retryAfterMs: details.retryAfterMs ?? null }
  const text = `${provider} answered ${status}: ${message}`
  if (status === 429) return new AppError('rate_limited', text, { cause: details.cause, context })
  if (status >= 500 || status === 408 || status === 409) return new AppError('provider_unavailable', text, { cause: details.cause, context, retryable: true })
  if (status === 401 || status === 403) return new AppError('unauthorized', `${text} (check the API key)`, { cause: details.cause, context, retryable: false })
  return new AppError('invalid_input', text, { cause: details.cause, context, retryable: false })
}

export function providerTimeoutError(provider: string, timeoutMs: number, cause?: unknown): AppError {
  return new AppError('provider_unavailable', `${provider} did not answer within ${timeoutMs} ms`, {
    cause,
    retryable: true,
    context: { provider, status: null, retryAfterMs: null, timeout: true },
  })
}

export function providerNetworkError(provider: string, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new AppError('provider_unavailable', `${provider} could not be reached (${reason})`, {
    cause,
    retryable: true,
    context: { provider, status: null, retryAfterMs: null },
  })
}

export const retryAfterOf = (error: AppError): number | null => {
  const value = error.context.retryAfterMs
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

export const isTimeout = (error: AppError): boolean => error.context.timeout === true
