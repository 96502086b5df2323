import { AppError, isAppError } from '../../src/index.ts'
import { type OriginPolicy, fetchWithinOrigins, originOf } from '../shared/fetch-within-origins.ts'

/**
 * Discord serves attachments from its CDN; a REST proxy or test double
 * (DISCORD_API_URL) may serve them from its own origin.
 */
export function discordAttachmentOrigins(apiUrl?: string): OriginPolicy {
  const origins = new Set(['https://cdn.discordapp.com', 'https://media.discordapp.net'])
  const api = originOf(apiUrl)
  if (api) origins.add(api)
  return { origins, platform: 'Discord' }
}

/**
 * Fetches a shared file's bytes from Discord's CDN. Attachment URLs are signed
 * and expire, so this runs as soon as the message arrives, never later (reindex
 * uses the stored bytes). Stops reading past `maxBytes`.
 */
export async function downloadAttachment(url: string, maxBytes: number, policy: OriginPolicy, timeoutMs = 60_000): Promise<Uint8Array> {
  let response: Response
  try {
    response = (await fetchWithinOrigins(url, { policy, signal: AbortSignal.timeout(timeoutMs) })).response
  } catch (cause) {
    // A refused origin or redirect says so itself; anything else is the network.
    if (isAppError(cause)) throw cause
    throw new AppError('provider_unavailable', 'the download did not complete', { cause, context: { stage: 'download' } })
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    const reason = response.status === 403 || response.status === 404 ? 'its link has expired or is no longer valid' : `Discord answered HTTP ${response.status}`
    throw new AppError('provider_unavailable', reason, { context: { stage: 'download', status: response.status } })
  }
  const parts: Uint8Array[] = []
  let total = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw new AppError('too_large', `it is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit`)
    }
    parts.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
