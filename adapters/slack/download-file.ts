import { AppError, formatBytes } from '../../src/index.ts'
import { type OriginPolicy, fetchWithinOrigins, isForeignOrigin, originOf } from '../shared/fetch-within-origins.ts'

export interface SlackFile {
  id: string
  name?: string
  title?: string
  mimetype?: string
  filetype?: string
  size?: number
  mode?: string
  url_private_download?: string
  url_private?: string
  permalink?: string
  file_access?: string
}

/**
 * Where Slack keeps shared files: files.slack.com, and the origin of a
 * configured Web API URL (GovSlack, a proxy, a test double). Nothing else
 * ever sees the bot token.
 */
export function slackFileOrigins(apiUrl?: string): OriginPolicy {
  const origins = new Set(['https://files.slack.com'])
  const api = originOf(apiUrl)
  if (api) origins.add(api)
  return { origins, platform: 'Slack' }
}

export interface DownloadOptions {
  token: string
  /** The origins the download (and every redirect) may touch. */
  policy: OriginPolicy
  maxBytes: number
  /** Asked when Slack answers a sign-in page: the Web API says which scope is missing. */
  diagnose: () => Promise<AppError>
  fetch?: typeof fetch
}

const MAX_RATE_LIMIT_WAITS = 3

/**
 * Downloads a shared file with the bot token. Slack answers a missing scope or
 * a revoked token with its sign-in page (HTML, status 200), so the response is
 * checked to really be the file before anyone tries to parse it.
 */
export async function downloadSlackFile(file: SlackFile, options: DownloadOptions): Promise<Uint8Array> {
  const url = file.url_private_download ?? file.url_private
  if (!url) throw new AppError('unsupported_type', 'it is a link to a file stored outside Slack; share the file itself')
  if (file.size !== undefined && file.size > options.maxBytes) {
    throw new AppError('too_large', `it is larger than the ${formatBytes(options.maxBytes)} limit`)
  }
  for (let attempt = 0; ; attempt++) {
    const { response, redirected } = await fetchFromSlack(url, options)
    if (response.status === 429 && attempt < MAX_RATE_LIMIT_WAITS) {
      await response.body?.cancel()
      const seconds = Number.parseInt(response.headers.get('retry-after') ?? '1', 10)
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000))
      continue
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw new AppError('provider_unavailable', `Slack answered ${response.status} when I downloaded it`, { retryable: response.status >= 500 })
    }
    const bytes = new Uint8Array(await response.arrayBuffer())
    if (bytes.byteLength > options.maxBytes) throw new AppError('too_large', `it is larger than the ${formatBytes(options.maxBytes)} limit`)
    if (isSignInPage(response, redirected, bytes, file)) throw await options.diagnose()
    return bytes
  }
}

/**
 * One download attempt within Slack's origins. Slack sends a request it will
 * not serve to the workspace's sign-in page on *.slack.com; that redirect is
 * not followed (the token stays home), and the Web API says what is missing.
 */
async function fetchFromSlack(url: string, options: DownloadOptions): Promise<{ response: Response; redirected: boolean }> {
  try {
    return await fetchWithinOrigins(url, {
      policy: options.policy,
      headers: { authorization: `Bearer ${options.token}` },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    })
  } catch (error) {
    if (isForeignOrigin(error) && error.context.refused === 'redirect' && isSlackSignIn(String(error.context.origin))) throw await options.diagnose()
    throw error
  }
}

function isSlackSignIn(origin: string): boolean {
  if (!origin.startsWith('https://')) return false
  const host = new URL(origin).hostname
  return host === 'slack.com' || host.endsWith('.slack.com')
}

function isSignInPage(response: Response, redirected: boolean, bytes: Uint8Array, file: SlackFile): boolean {
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('text/html')) return false
  const expectsHtml = file.filetype === 'html' || (file.mimetype ?? '').includes('html') || /\.html?$/i.test(file.name ?? '')
  if (!expectsHtml || redirected) return true
  const head = new TextDecoder().decode(bytes.subarray(0, 4096))
  return /<title>[^<]*\bSlack\s*<\/title>/i.test(head)
}
