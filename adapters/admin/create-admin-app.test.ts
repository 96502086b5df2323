import { createMetrics, type Runtime, silentLogger } from '../../src/index.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPglite } from '../../src/store/db/open-pglite.ts'
import { readCorpus } from '../../tests/helpers/corpus.ts'
import { buildTestRuntime, waitForIndexing } from '../../tests/helpers/test-runtime.ts'
import { createAdminApp } from './create-admin-app.ts'

const token = 'test-admin-token-0123456789'
const auth = { authorization: `Bearer ${token}` }
const local = { incoming: { socket: { remoteAddress: '127.0.0.1' } } }
const remote = { incoming: { socket: { remoteAddress: '203.0.113.9' } } }

describe('admin API', () => {
  let runtime: Runtime
  let app: ReturnType<typeof createAdminApp>
  let openApp: ReturnType<typeof createAdminApp>
  let ready = true

  beforeAll(async () => {
    runtime = await buildTestRuntime(await openPglite(), { MAX_FILE_BYTES: String(2 * 1024 * 1024) })
    const deps = {
      core: runtime.core,
      logger: silentLogger,
      metrics: createMetrics({ documentCounts: async () => ({ indexed: 1 }) }),
      maxFileBytes: 2 * 1024 * 1024,
      isReady: async () => ready,
    }
    app = createAdminApp({ ...deps, adminToken: token })
    openApp = createAdminApp({ ...deps, adminToken: undefined })
  })

  afterAll(async () => {
    await runtime?.close()
    await runtime?.database.close()
  })

  const upload = async (files: Array<[string, Uint8Array]>, fields: Record<string, string> = {}) => {
    const form = new FormData()
    for (const [name, bytes] of files) form.append('file', new Blob([bytes]), name)
    for (const [k, v] of Object.entries(fields)) form.append(k, v)
    return await app.request('/api/documents', { method: 'POST', body: form, headers: auth }, local)
  }

  describe('auth', () => {
    it('answers health without a token', async () => {
      expect((await app.request('/health/live', {}, remote)).status).toBe(200)
      expect(await (await app.request('/health/ready', {}, remote)).json()).toEqual({ status: 'ready' })
    })

    it('reports not ready when the database does not answer', async () => {
      ready = false
      const res = await app.request('/health/ready', {}, remote)
      ready = true
      expect(res.status).toBe(503)
    })

    it.each(['/api/stats', '/api/documents', '/metrics'])('401 on %s without the token', async (path) => {
      const res = await app.request(path, {}, local)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/admin token/) } })
    })

    it('401 with a wrong token of the same or another length', async () => {
      for (const wrong of [`${token.slice(0, -1)}x`, 'short', `${token}-longer`]) {
        const res = await app.request('/api/stats', { headers: { authorization: `Bearer ${wrong}` } }, local)
        expect(res.status).toBe(401)
      }
    })

    it('without ADMIN_TOKEN, answers loopback clients only', async () => {
      expect((await openApp.request('/api/stats', {}, local)).status).toBe(200)
      const res = await openApp.request('/api/stats', {}, remote)
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ADMIN_TOKEN/)
    })
  })

  describe('documents', () => {
    let contractId = ''

    it('accepts a multipart upload and answers with ingest receipts', async () => {
      const res = await upload(
        [
          ['sample-contract.pdf', readCorpus('pdf/sample-contract.pdf')],
          ['locked.pdf', readCorpus('pdf/encrypted-user-password-openpassword.pdf')],
        ],
        { workspace: 'api-test' },
      )
      expect(res.status).toBe(202)
      const receipts = (await res.json()) as Array<{ documentId: string; status: string; source: string }>
      expect(receipts).toEqual([
        { source: 'sample-contract.pdf', documentId: expect.any(String), status: 'pending', error: null, pages: null, chunks: 0 },
        { source: 'locked.pdf', documentId: expect.any(String), status: 'pending', error: null, pages: null, chunks: 0 },
      ])
      contractId = receipts[0]?.documentId ?? ''
      await waitForIndexing(runtime)
    })

    it('lists documents with status, error, pages and chunks', async () => {
      const res = await app.request('/api/documents?workspace=api-test', { headers: auth }, local)
      const body = (await res.json()) as { documents: Array<Record<string, unknown>> }
      const bySource = Object.fromEntries(body.documents.map((d) => [d.source, d]))
      expect(bySource['sample-contract.pdf']).toMatchObject({ status: 'indexed', pages: 10, workspace: 'api-test', visibility: 'workspace' })
      expect(bySource['locked.pdf']).toMatchObject({ status: 'failed', error: { code: 'encrypted' } })
    })

    it('gets one document, and 404s for an unknown id', async () => {
      const res = await app.request(`/api/documents/${contractId}`, { headers: auth }, local)
      expect(((await res.json()) as { document: { id: string } }).document.id).toBe(contractId)
      const missing = await app.request('/api/documents/00000000-0000-0000-0000-000000000000', { headers: auth }, local)
      expect(missing.status).toBe(404)
      const garbage = await app.request('/api/documents/not-a-uuid', { headers: auth }, local)
      expect(garbage.status).toBe(404)
    })

    it('refuses an upload with no file, and one over the size limit', async () => {
      const empty = await app.request('/api/documents', { method: 'POST', body: new FormData(), headers: auth }, local)
      expect(empty.status).toBe(400)
      const big = await upload([['big.txt', new Uint8Array(12 * 1024 * 1024).fill(65)]])
      expect(big.status).toBe(413)
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe('too_large')
    })

    it('reports a file over the per-file limit as refused, not as an error', async () => {
      const res = await upload([['a-bit-big.txt', new Uint8Array(3 * 1024 * 1024).fill(65)]])
      expect(res.status).toBe(202)
      expect(await res.json()).toEqual([
        expect.objectContaining({ documentId: null, status: 'failed', error: expect.objectContaining({ code: 'too_large' }) }),
      ])
    })
  })

  describe('ask', () => {
    it('answers with the ask --json contract', async () => {
      const res = await app.request(
        '/api/ask',
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ question: 'How long must records be kept available for audit?', workspace: 'api-test' }) },
        local,
      )
      expect(res.status).toBe(200)
      const body = (await res.json()) as Record<string, unknown>
      expect(Object.keys(body).sort()).toEqual(['answer', 'cached', 'citations', 'grounded', 'latencyMs', 'provider'])
      expect(body).toMatchObject({ grounded: true, cached: false, provider: 'extractive' })
      expect((body.citations as Array<Record<string, unknown>>)[0]).toMatchObject({ title: 'sample-contract.pdf', page: 7 })
    })

    it('400s on a missing question or a body that is not JSON, without echoing internals', async () => {
      const bad = await app.request('/api/ask', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' }, local)
      expect(bad.status).toBe(400)
      const notJson = await app.request('/api/ask', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: 'question?' }, local)
      expect(notJson.status).toBe(400)
      expect(await notJson.json()).toEqual({ error: { code: 'invalid_input', message: 'The request body must be JSON.' } })
      // A body not declared JSON is not guessed at: 415.
      const plain = await app.request('/api/ask', { method: 'POST', headers: auth, body: 'question?' }, local)
      expect(plain.status).toBe(415)
    })
  })

  describe('stats, reindex, jobs, delete, metrics', () => {
    it('reports stats', async () => {
      const res = await app.request('/api/stats', { headers: auth }, local)
      const stats = (await res.json()) as { documents: { indexed: number; failed: number } }
      expect(stats.documents.indexed).toBeGreaterThanOrEqual(1)
      expect(stats.documents.failed).toBeGreaterThanOrEqual(1)
    })

    it('reindexes with a job id whose status can be followed to done', async () => {
      const res = await app.request('/api/reindex', { method: 'POST', headers: auth }, local)
      expect(res.status).toBe(202)
      const job = (await res.json()) as { id: string; total: number }
      expect(job.total).toBeGreaterThanOrEqual(2)
      await waitForIndexing(runtime)
      const status = await app.request(`/api/jobs/${job.id}`, { headers: auth }, local)
      expect(await status.json()).toMatchObject({ id: job.id, status: 'done', done: job.total })
      expect((await app.request('/api/jobs/nope', { headers: auth }, local)).status).toBe(404)
    })

    it('deletes a document so it is no longer cited', async () => {
      const list = (await (await app.request('/api/documents?workspace=api-test', { headers: auth }, local)).json()) as {
        documents: Array<{ id: string; source: string }>
      }
      const contract = list.documents.find((d) => d.source === 'sample-contract.pdf')
      const res = await app.request(`/api/documents/${contract?.id}`, { method: 'DELETE', headers: auth }, local)
      expect(res.status).toBe(200)
      const answer = await runtime.core.ask({ question: 'How long must records be kept available for audit?', workspace: 'api-test', channel: null })
      expect(answer.grounded).toBe(false)
      expect((await app.request(`/api/documents/${contract?.id}`, { method: 'DELETE', headers: auth }, local)).status).toBe(404)
    })

    it('serves Prometheus metrics', async () => {
      const res = await app.request('/metrics', { headers: auth }, local)
      const text = await res.text()
      expect(text).toContain('docuquery_http_requests_total')
      expect(text).toContain('docuquery_documents{status="indexed"} 1')
    })

    it('answers unknown routes with a JSON 404', async () => {
      const res = await app.request('/api/nope', { headers: auth }, local)
      expect(res.status).toBe(404)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
    })
  })
})
