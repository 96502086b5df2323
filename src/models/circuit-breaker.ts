export type BreakerState = 'closed' | 'open' | 'half-open'

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number
  /** How long an open breaker skips the provider before letting one probe through. */
  cooldownMs: number
  now?: () => number
}

/**
 * Skips a provider that keeps failing, so questions do not each wait for its
 * timeout. After the cooldown one call is let through as a probe: success
 * closes the breaker, failure opens it for another cooldown.
 */
export function createCircuitBreaker(options: BreakerOptions) {
  const now = options.now ?? Date.now
  let state: BreakerState = 'closed'
  let failures = 0
  let openedAt = 0
  let probing = false
  let cooldownMs = options.cooldownMs

  return {
    get state(): BreakerState {
      if (state === 'open' && now() - openedAt >= cooldownMs) return 'half-open'
      return state
    },

    /** Whether a call may go through now; in half-open, only one probe at a time. */
    allow(): boolean {
      const current = this.state
      if (current === 'closed') return true
      if (current === 'open') return false
      if (probing) return false
      probing = true
      state = 'half-open'
      return true
    },

    succeeded(): void {
      state = 'closed'
      failures = 0
      probing = false
      cooldownMs = options.cooldownMs
    },

    /** `cooldownMs` overrides the cooldown for this opening (e.g. a rejected key: much longer). */
    failed(openFor?: number): void {
      failures++
      const wasProbe = probing
      probing = false
      if (wasProbe || failures >= options.failureThreshold || openFor !== undefined) {
        state = 'open'
        openedAt = now()
        cooldownMs = openFor ?? options.cooldownMs
      }
    },
  }
}

export type CircuitBreaker = ReturnType<typeof createCircuitBreaker>
