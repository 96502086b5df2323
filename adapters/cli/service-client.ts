import { basename } from 'node:path'
import { waitForDocuments } from '../../src/core/wait-for-documents.ts'
import { AppError, type ErrorCode, errorCodes } from '../../src/errors/app-error.ts'
import type { DocumentView } from '../../src/store/document-view.ts'
import type { DocuQueryClient } from './docuquery-client.ts'

const TIMEOUT_MS = 120_000

/** Talks to the running service's admin API; its JSON errors come back as the same AppErrors. */
export function createServiceClient(baseUrl: string, adminToken: string | undefined): DocuQueryClient {
  async function call<T>(method: string, path: string, body?: FormData, json?: unknown): Promise<T> {
    const headers: Record<string, string> = {}
    if (adminToken) headers.authorization = `Bearer ${adminToken}`
    if (json !== undefined) headers['content-type'] = 'application/json'
    let response: Response
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        body: json !== undefined ? JSON.stringify(json) : body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (error) {
      throw new AppError('provider_unavailable', `the DocuQuery service at ${baseUrl} did not answer`, { cause: error })
    }
    const payload = (await response.json().catch(() => null)) as unknown
    if (!response.ok) {
      const err = (payload as { error?: { code?: string; message?: string } } | null)?.error
      const code = (errorCodes as readonly string[]).includes(err?.code ?? '') ? (err?.code as ErrorCode) : 'internal'
      throw new AppError(code, err?.message ?? `the service answered HTTP ${response.status}`)
    }
    return payload as T
  }

  return {
    mode: 'service',
    async ingest(file, scope) {
      const form = new FormData()
      form.append('file', new Blob([file.bytes]), file.path)
      form.append('workspace', scope.workspace)
      if (scope.channel) form.append('channel', scope.channel)
      form.append('source', 'cli')
      const receipts = await call<Array<Awaited<ReturnType<DocuQueryClient['ingest']>>>>('POST', '/api/documents', form)
      const receipt = receipts[0]
      if (!receipt) throw new AppError('internal', `the service accepted ${basename(file.path)} but returned no receipt`)
      return receipt
    },
    // The core's own wait, reading through the admin API (GET /api/documents/:id answers the document and its parts).
    waitForDocuments: (ids, options) =>
      waitForDocuments((id) => call<{ document: DocumentView; parts: DocumentView[] }>('GET', `/api/documents/${encodeURIComponent(id)}`), ids, options),
    ask: (question, scope) => call('POST', '/api/ask', undefined, { question, workspace: scope.workspace, channel: scope.channel }),
    stats: () => call('GET', '/api/stats'),
    reindex: (documentId) => call('POST', '/api/reindex', undefined, documentId ? { documentId } : {}),
    job: (id) => call('GET', `/api/jobs/${encodeURIComponent(id)}`),
    forget: async (id) => {
      await call('DELETE', `/api/documents/${encodeURIComponent(id)}`)
    },
    close: async () => {},
  }
}
