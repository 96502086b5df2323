import { describe, expect, it } from 'vitest'
import { createCircuitBreaker } from './circuit-breaker.ts'

describe('circuit breaker', () => {
  const make = () => {
    let now = 0
    const breaker = createCircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => now })
    return { breaker, advance: (ms: number) => (now += ms) }
  }

  it('opens after consecutive failures, lets one probe through after the cooldown, and closes on success', () => {
    const { breaker, advance } = make()
    breaker.failed()
    breaker.failed()
    expect(breaker.allow()).toBe(true)
    breaker.failed()
    expect(breaker.state).toBe('open')
    expect(breaker.allow()).toBe(false)
    advance(999)
    expect(breaker.allow()).toBe(false)
    advance(1)
    expect(breaker.state).toBe('half-open')
    expect(breaker.allow()).toBe(true)
    expect(breaker.allow()).toBe(false) // one probe at a time
    breaker.succeeded()
    expect(breaker.state).toBe('closed')
    expect(breaker.allow()).toBe(true)
  })

  it('opens again at once when the probe fails', () => {
    const { breaker, advance } = make()
    for (let i = 0; i < 3; i++) breaker.failed()
    advance(1000)
    expect(breaker.allow()).toBe(true)
    breaker.failed()
    expect(breaker.state).toBe('open')
    advance(500)
    expect(breaker.allow()).toBe(false)
  })

  it('a success resets the count of failures', () => {
    const { breaker } = make()
    breaker.failed()
    breaker.failed()
    breaker.succeeded()
    breaker.failed()
    breaker.failed()
    expect(breaker.state).toBe('closed')
  })

  it('can be opened for longer at once (a rejected key)', () => {
    const { breaker, advance } = make()
    breaker.failed(60_000)
    expect(breaker.state).toBe('open')
    advance(1000)
    expect(breaker.allow()).toBe(false)
    advance(59_000)
    expect(breaker.allow()).toBe(true)
  })
})
