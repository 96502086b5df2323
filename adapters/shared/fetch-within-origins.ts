import { AppError } from '../../src/index.ts'

export interface OriginPolicy {
  /** Origins (scheme + host + port, as `URL.origin` spells them) a download may touch. */
  origins: ReadonlySet<string>
  /** The platform's name, for people: "I can only read files stored in Slack". */
  platform: string
}

export interface FetchWithinOriginsOptions {
  policy: OriginPolicy
  /** Sent to allowed origins only, including after a redirect (the bot token). */
  headers?: Record<string, string>
  signal?: AbortSignal
  maxRedirects?: number
  fetch?: typeof fetch
}

const redirectStatuses = new Set([301, 302, 303, 307, 308])

/** The origin of a URL, or null when it is not one (a relative or malformed URL names no origin). */
export function originOf(url: string | undefined): string | null {
  if (!url) return null
  try {
    const origin = new URL(url).origin
    return origin === 'null' ? null : origin
  } catch {
    return null
  }
}

/**
 * Where a file may be downloaded from is the platform's decision, not the
 * event's: a URL in an event is attacker-controlled as soon as someone can
 * post one. So the URL and every redirect are checked against the platform's
 * own origins before a request (and its token) leaves; redirects are followed
 * here, one hop at a time, never by fetch itself.
 */
export async function fetchWithinOrigins(url: string, options: FetchWithinOriginsOptions): Promise<{ response: Response; redirected: boolean }> {
  const { policy } = options
  const fetchFn = options.fetch ?? globalThis.fetch
  const maxRedirects = options.maxRedirects ?? 5
  let current = allowedUrl(url, policy, 'url')
  for (let hops = 0; ; hops++) {
    const response = await fetchFn(current, {
      redirect: 'manual',
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
    if (!redirectStatuses.has(response.status)) return { response, redirected: hops > 0 }
    // Not awaited: a redirect's body is never read, and waiting on its cancellation can stall (msw's passthrough does).
    void response.body?.cancel().catch(() => {})
    const location = response.headers.get('location')
    if (!location) throw new AppError('provider_unavailable', `${policy.platform} answered a redirect without a location`, { context: { stage: 'download' } })
    if (hops >= maxRedirects) throw new AppError('provider_unavailable', `${policy.platform} redirected the download too many times`, { context: { stage: 'download' } })
    current = allowedUrl(new URL(location, current).toString(), policy, 'redirect')
  }
}

function allowedUrl(url: string, policy: OriginPolicy, stage: 'url' | 'redirect'): URL {
  const origin = originOf(url)
  if (origin && policy.origins.has(origin)) return new URL(url)
  throw new AppError('unsupported_type', `it is not stored in ${policy.platform}, and I can only read files stored in ${policy.platform}`, {
    retryable: false,
    context: { stage: 'origin', refused: stage, origin: origin ?? 'none' },
  })
}

/** True for the error `fetchWithinOrigins` throws for a URL or redirect outside the policy. */
export function isForeignOrigin(error: unknown): error is AppError {
  return error instanceof AppError && error.context.stage === 'origin'
}
