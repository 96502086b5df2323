import type { DocumentView } from '../../src/store/document-view.ts'
import type { DiscordCore } from './discord-deps.ts'

/**
 * Polls the database (the source of truth, wherever the queue's workers run)
 * until the document is indexed or failed; null if it is still in progress
 * after `timeoutMs`.
 */
export async function waitForDocument(core: DiscordCore, id: string, timeoutMs: number): Promise<DocumentView | null> {
  const deadline = Date.now() + timeoutMs
  let delay = 50
  for (;;) {
    const doc = await core.getDocument(id)
    if (doc.status === 'indexed' || doc.status === 'failed') return doc
    if (Date.now() + delay > deadline) return null
    await new Promise((resolve) => setTimeout(resolve, delay))
    delay = Math.min(1000, Math.round(delay * 1.5))
  }
}
