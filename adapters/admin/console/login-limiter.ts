import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

export const LOGIN_FAILURES_PER_MINUTE = 5

/**
 * Failed console logins per client address: a few a minute, then the form
 * refuses even the right token until the minute is over, so guessing the
 * token from one address is hopeless. Counted in this process.
 */
export function createLoginLimiter(failuresPerMinute = LOGIN_FAILURES_PER_MINUTE) {
  const failures = new RateLimiterMemory({ points: failuresPerMinute, duration: 60, keyPrefix: 'console-login' })
  return {
    /** Seconds until this address may try again, or 0. */
    async blockedFor(address: string): Promise<number> {
      const state = await failures.get(address)
      return state && state.consumedPoints >= failuresPerMinute ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : 0
    },
    async fail(address: string): Promise<void> {
      await failures.consume(address).catch((rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
      })
    },
    async succeed(address: string): Promise<void> {
      await failures.delete(address)
    },
  }
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>
