import { AppError, isAppError } from '../platform/app-error.ts'
import { isTimeout, providerTimeoutError, retryAfterOf } from './provider-error.ts'

export interface RetryPolicy {
  /** Extra attempts after the first, for retryable errors. */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  /**
   * A provider asking for a longer wait than this is not waited for: the
   * error goes up so the next provider can answer instead.
   */
  maxRetryAfterMs: number
  /** Each attempt is aborted after this long. */
  timeoutMs: number
  /** A timed-out attempt already cost `timeoutMs`; by default the next provider is tried instead. */
  retryTimeouts: boolean
}

export interface RetryHooks {
  /** Aborts everything, including a wait between attempts. */
  signal?: AbortSignal
  /** False once a streamed answer has reached the user: it cannot be taken back. */
  canRetry?: () => boolean
  onRetry?: (error: AppError, attempt: number, delayMs: number) => void
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
}

/**
 * Runs one provider call with a timeout per attempt and retries retryable
 * failures with exponential backoff and jitter, honouring Retry-After.
 * Errors that reach the caller are always AppErrors.
 */
export async function callWithRetries<T>(
  provider: string,
  policy: RetryPolicy,
  call: (signal: AbortSignal) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? abortableSleep
  const random = hooks.random ?? Math.random
  for (let attempt = 0; ; attempt++) {
    let error: AppError
    try {
      return await attemptWithTimeout(provider, policy.timeoutMs, call, hooks.signal)
    } catch (thrown) {
      error = isAppError(thrown) ? thrown : new AppError('provider_unavailable', `${provider} failed`, { cause: thrown, context: { provider } })
    }
    if (hooks.signal?.aborted) throw error
    const delay = retryDelay(error, attempt, policy, random)
    if (delay === null || attempt >= policy.retries || hooks.canRetry?.() === false) throw error
    if (isTimeout(error) && !policy.retryTimeouts) throw error
    hooks.onRetry?.(error, attempt + 1, delay)
    await sleep(delay, hooks.signal)
  }
}

/** The wait before the next attempt, or null when this error must not be retried. */
export function retryDelay(error: AppError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | null {
  if (!error.retryable) return null
  const asked = retryAfterOf(error)
  if (asked !== null) return asked <= policy.maxRetryAfterMs ? asked : null
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  // Full jitter: concurrent callers that failed together do not retry together.
  return Math.round(exponential / 2 + random() * (exponential / 2))
}

async function attemptWithTimeout<T>(provider: string, timeoutMs: number, call: (signal: AbortSignal) => Promise<T>, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new Error(`timed out after ${timeoutMs} ms`))
  }, timeoutMs)
  const forward = () => controller.abort(outer?.reason)
  outer?.addEventListener('abort', forward, { once: true })
  try {
    return await call(controller.signal)
  } catch (error) {
    // Whatever the SDK threw on abort, a timeout is a timeout.
    if (timedOut) throw providerTimeoutError(provider, timeoutMs, error)
    throw error
  } finally {
    clearTimeout(timer)
    outer?.removeEventListener('abort', forward)
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
