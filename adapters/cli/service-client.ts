import { AppError, type DocumentView, type ErrorCode, errorCodes, type FeedbackItem, waitForDocuments } from '../../src/index.ts'
import { BUSY_RETRY_DELAYS_MS, BUSY_STATUSES, isTransportFailure, retryDelay, sleep } from './busy-retry.ts'
import type { DocuQueryClient } from './docuquery-client.ts'

const TIMEOUT_MS = 120_000
const LIST_LIMIT = 10_000

interface CallOptions {
  form?: () => FormData
  json?: unknown
  /** Sending it twice would do the work twice (a reindex job): never resent once it may have arrived. */
  once?: boolean
}

/**
 * Talks to the running service's admin API; its JSON errors come back as the same AppErrors.
 * A busy service (connection reset, timeout, 503) is asked again with backoff, so a file is
 * not reported as failed, or a row as pending, because the service was slow for a moment.
 */
export function createServiceClient(baseUrl: string, adminToken: string | undefined, delaysMs: readonly number[] = BUSY_RETRY_DELAYS_MS): DocuQueryClient {
  async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    let lostBefore = false
    for (let attempt = 0; ; attempt++) {
      const outcome = await send(method, path, options)
      const delay = delaysMs[attempt]
      const mayRetry = delay !== undefined && (!options.once || outcome.kind === 'refused')
      if (outcome.kind === 'answer' && !(BUSY_STATUSES.has(outcome.response.status) && mayRetry)) {
        return await readAnswer<T>(outcome.response, lostBefore && method === 'DELETE')
      }
      if (!mayRetry) {
        if (outcome.kind === 'answer') return await readAnswer<T>(outcome.response, false)
        throw new AppError('provider_unavailable', `the DocuQuery service at ${baseUrl} did not answer (tried ${attempt + 1} times)`, {
          cause: outcome.error,
        })
      }
      if (outcome.kind === 'lost') lostBefore = true
      await sleep(outcome.kind === 'answer' ? retryDelay(outcome.response.headers.get('retry-after'), delay) : delay)
    }
  }

  async function send(method: string, path: string, options: CallOptions) {
    const headers: Record<string, string> = {}
    if (adminToken) headers.authorization = `Bearer ${adminToken}`
    if (options.json !== undefined) headers['content-type'] = 'application/json'
    try {
      const response = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        body: options.json !== undefined ? JSON.stringify(options.json) : options.form?.(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
      return { kind: 'answer' as const, response }
    } catch (error) {
      if (!isTransportFailure(error)) throw error
      const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED'
      return { kind: refused ? ('refused' as const) : ('lost' as const), error }
    }
  }

  async function readAnswer<T>(response: Response, resentDelete: boolean): Promise<T> {
    const payload = (await response.json().catch(() => null)) as unknown
    if (response.ok) return payload as T
    const err = (payload as { error?: { code?: string; message?: string } } | null)?.error
    const code = (errorCodes as readonly string[]).includes(err?.code ?? '') ? (err?.code as ErrorCode) : 'internal'
    // The first DELETE arrived but its answer was lost: the document is gone, as asked.
    if (resentDelete && code === 'not_found') return null as T
    throw new AppError(code, err?.message ?? `the service answered HTTP ${response.status}`)
  }

  return {
    mode: 'service',
    async ingest(file, scope) {
      const form = () => {
        const data = new FormData()
        data.append('file', new Blob([file.bytes]), file.label)
        data.append('path', file.path)
        data.append('workspace', scope.workspace)
        if (scope.channel) data.append('channel', scope.channel)
        data.append('source', 'cli')
        return data
      }
      // Sending the same bytes again is safe: the service recognises them as the same document.
      const receipts = await call<Array<Awaited<ReturnType<DocuQueryClient['ingest']>>>>('POST', '/api/documents', { form })
      const receipt = receipts[0]
      if (!receipt) throw new AppError('internal', `the service accepted ${file.label} but returned no receipt`)
      return receipt
    },
    // The core's own wait, reading through the admin API (GET /api/documents/:id answers the document and its parts).
    waitForDocuments: (ids, options) =>
      waitForDocuments((id) => call<{ document: DocumentView; parts: DocumentView[] }>('GET', `/api/documents/${encodeURIComponent(id)}`), ids, options),
    document: (id) => call('GET', `/api/documents/${encodeURIComponent(id)}`),
    async documents(filter) {
      const query = new URLSearchParams({ limit: String(LIST_LIMIT) })
      if (filter.workspace) query.set('workspace', filter.workspace)
      if (filter.status) query.set('status', filter.status)
      return (await call<{ documents: DocumentView[] }>('GET', `/api/documents?${query}`)).documents
    },
    ask: (question, scope) => call('POST', '/api/ask', { json: { question, workspace: scope.workspace, channel: scope.channel } }),
    stats: () => call('GET', '/api/stats'),
    reindex: (documentId) => call('POST', '/api/reindex', { json: documentId ? { documentId } : {}, once: true }),
    job: (id) => call('GET', `/api/jobs/${encodeURIComponent(id)}`),
    forget: async (id) => {
      await call('DELETE', `/api/documents/${encodeURIComponent(id)}`)
    },
    async feedback(filter) {
      const query = new URLSearchParams({ since: filter.since })
      if (filter.workspace) query.set('workspace', filter.workspace)
      return (await call<{ feedback: FeedbackItem[] }>('GET', `/api/feedback?${query}`)).feedback
    },
    close: async () => {},
  }
}
