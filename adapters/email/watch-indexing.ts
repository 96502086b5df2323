import type { Core, Logger } from '../../src/index.ts'
import type { EmailNotifier } from './email-notifier.ts'

export interface WatchOptions {
  intervalMs?: number
  timeoutMs?: number
}

type WatchCore = Pick<Core, 'waitForDocuments'>

/**
 * Tells the notifier when a message and its parts are indexed. It waits on
 * the database, the source of truth, because the document may be indexed by
 * another process (a worker).
 */
export function createIndexWatcher(core: WatchCore, notifier: EmailNotifier, logger: Logger, options: WatchOptions = {}) {
  const intervalMs = options.intervalMs ?? 500
  const timeoutMs = options.timeoutMs ?? 30 * 60 * 1000
  const running = new Set<Promise<void>>()
  const closing = new AbortController()

  async function watch(scope: { workspace: string; channel: string }, documentId: string): Promise<void> {
    const wait = await core.waitForDocuments([documentId], { timeoutMs, pollMs: intervalMs, parts: true, signal: closing.signal })
    const [message, ...below] = wait.documents
    if (!wait.settled || !message) return
    // The message's own attachments; those of a forwarded message inside it are that message's.
    const parts = below.filter((part) => part.parentId === documentId)
    const email = (message.metadata.email ?? {}) as { subject?: string | null; from?: string | null }
    await notifier.onIndexed({
      ...scope,
      documentId,
      subject: email.subject ?? message.title,
      from: email.from ?? message.sharedBy,
      status: message.status === 'indexed' ? 'indexed' : 'failed',
      error: message.error,
      parts: parts.length,
      partsIndexed: parts.filter((part) => part.status === 'indexed').length,
    })
  }

  return {
    watch(scope: { workspace: string; channel: string }, documentId: string): void {
      if (closing.signal.aborted) return
      const task = watch(scope, documentId)
        .catch((error: unknown) => logger.warn({ err: error, documentId }, 'could not tell the channel an e-mail was indexed'))
        .finally(() => running.delete(task))
      running.add(task)
    },
    /** Resolves when every pending notification has been sent (tests, shutdown). */
    async settle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running])
    },
    async close(): Promise<void> {
      closing.abort()
      await Promise.all([...running])
    },
  }
}

export type IndexWatcher = ReturnType<typeof createIndexWatcher>
