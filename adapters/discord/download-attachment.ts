import { AppError } from '../../src/errors/app-error.ts'

/**
 * Fetches a shared file's bytes from Discord's CDN. Attachment URLs are signed
 * and expire, so this runs as soon as the message arrives, never later (reindex
 * uses the stored bytes). Stops reading past `maxBytes`.
 */
export async function downloadAttachment(url: string, maxBytes: number, timeoutMs = 60_000): Promise<Uint8Array> {
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' })
  } catch (cause) {
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
