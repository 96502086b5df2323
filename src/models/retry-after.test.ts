import { describe, expect, it } from 'vitest'
import { retryAfterMs, retryDelayFromGoogleDetails } from './retry-after.ts'

describe('retry-after', () => {
  const headers = (entries: Record<string, string>) => new Headers(entries)

  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(retryAfterMs(headers({ 'retry-after': '3' }))).toBe(3000)
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '3' }))).toBe(250)
    const now = Date.parse('2026-11-22T10:00:00Z')
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 22 Nov 2026 10:00:07 GMT' }), now)).toBe(7000)
    expect(retryAfterMs(headers({}))).toBeNull()
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeNull()
  })

  it("reads Google's RetryInfo", () => {
    expect(retryDelayFromGoogleDetails([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '28s' }])).toBe(28_000)
    expect(retryDelayFromGoogleDetails([{ retryDelay: '0.5s' }])).toBe(500)
    expect(retryDelayFromGoogleDetails(undefined)).toBeNull()
  })
})
