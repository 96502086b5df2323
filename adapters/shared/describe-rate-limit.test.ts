import { AppError, RateLimitedError } from '../../src/index.ts'
import { describe, expect, it } from 'vitest'
import { describeRateLimit } from './describe-rate-limit.ts'

describe('describeRateLimit', () => {
  it('tells a person when to come back, in whole seconds rounded up', () => {
    expect(describeRateLimit(new RateLimitedError('user', 39_200))).toBe("You've asked a lot in a short time — try again in 40 s.")
    expect(describeRateLimit(new RateLimitedError('workspace', 10))).toBe('This workspace has asked a lot in a short time — try again in 1 s.')
  })

  it('speaks for the service when a model provider limited us, with its Retry-After when known', () => {
    const provider = new AppError('rate_limited', 'openai answered 429', { context: { provider: 'openai', retryAfterMs: 20_000 } })
    expect(describeRateLimit(provider)).toBe('I am answering too many questions at once — please ask again in 20 s.')
    expect(describeRateLimit(new AppError('rate_limited', 'x'))).toBe('I am answering too many questions at once — please ask again in a minute.')
  })
})
