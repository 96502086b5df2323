/**
 * Reads how long a provider wants us to wait: `retry-after-ms` (OpenAI),
 * `Retry-After` in seconds or as an HTTP date (RFC 9110), or Google's
 * `RetryInfo.retryDelay` ("28s") from an error body.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | null | undefined, now = Date.now()): number | null {
  if (!headers) return null
  const ms = Number(headers.get('retry-after-ms'))
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms
  const value = headers.get('retry-after')
  if (value === null || value.trim() === '') return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

export function retryDelayFromGoogleDetails(details: unknown): number | null {
  if (!Array.isArray(details)) return null
  for (const detail of details) {
    const delay = (detail as { retryDelay?: unknown } | null)?.retryDelay
    if (typeof delay === 'string') {
      const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim())
      if (match) return Math.round(Number(match[1]) * 1000)
    }
  }
  return null
}
