import type { Core } from '../../src/core/create-core.ts'
import type { DocumentView } from '../../src/store/document-view.ts'
import type { Logger } from '../../src/log/logger.ts'
import type { EmailNotifier } from './email-notifier.ts'

export interface WatchOptions {
  intervalMs?: number
  timeoutMs?: number
}

type WatchCore = Pick<Core, 'getDocument' | 'listDocuments'>

const settled = (doc: DocumentView) => doc.status === 'indexed' || doc.status === 'failed'

/**
 * Tells the notifier when a message and its parts are indexed. It polls the
 * database, the source of truth, because the document may be indexed by
 * another process (a worker).
 */
export function createIndexWatcher(core: WatchCore, notifier: EmailNotifier, logger: Logger, options: WatchOptions = {}) {
  const intervalMs = options.intervalMs ?? 500
  const timeoutMs = options.timeoutMs ?? 30 * 60 * 1000
  const running = new Set<Promise<void>>()
  let closed = false
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref())

  async function waitSettled(id: string, deadline: number): Promise<DocumentView | null> {
    while (!closed && Date.now() < deadline) {
      const doc = await core.getDocument(id)
      if (settled(doc)) return doc
      await sleep(intervalMs)
    }
    return null
  }

  async function watch(scope: { workspace: string; channel: string }, documentId: string): Promise<void> {
    const deadline = Date.now() + timeoutMs
    const message = await waitSettled(documentId, deadline)
    if (!message) return
    const partIds = (await core.listDocuments({ parentId: documentId })).map((part) => part.id)
    const parts: DocumentView[] = []
    for (const id of partIds) {
      const part = await waitSettled(id, deadline)
      if (!part) return
      parts.push(part)
    }
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
      if (closed) return
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
      closed = true
      await Promise.all([...running])
    },
  }
}

export type IndexWatcher = ReturnType<typeof createIndexWatcher>
