import { AppError } from '../app-error.ts'

export type LimitScope = 'user' | 'workspace'

/**
 * A question refused by a rate limit. `retryAfterMs` is also in `context`, where
 * provider 429s keep theirs, so an adapter reads one field for both.
 */
export class RateLimitedError extends AppError {
  readonly retryAfterMs: number
  readonly scope: LimitScope

  constructor(scope: LimitScope, retryAfterMs: number) {
    const seconds = retryAfterSeconds(retryAfterMs)
    const who = scope === 'user' ? 'you have' : 'this workspace has'
    super('rate_limited', `${who} asked too many questions in a short time; try again in ${seconds} s`, {
      retryable: true,
      context: { scope, retryAfterMs },
    })
    this.name = 'RateLimitedError'
    this.retryAfterMs = retryAfterMs
    this.scope = scope
  }
}

/** Whole seconds to wait, at least 1: what Retry-After and the chat replies say. */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000))

/** How long a `rate_limited` error asks to wait, in whole seconds, when it says. */
export function retryAfterOf(error: AppError): number | null {
  const ms = error.context.retryAfterMs
  return typeof ms === 'number' && ms > 0 ? retryAfterSeconds(ms) : null
}
