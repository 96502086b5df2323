/**
 * The security table of every admin route, through the real admin app on a
 * real database: no token, a wrong token, a malformed id, an unknown id; and
 * the body rules of the JSON routes (size limit 413, JSON content type 415).
 */
import { createMetrics, type Runtime, silentLogger } from '../../src/index.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEmailAdapter, writeRoutesFile } from '../../tests/helpers/email-test-kit.ts'
import { testDatabases } from '../../tests/helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from '../../tests/helpers/test-runtime.ts'
import type { EmailAdapter } from '../email/create-email-adapter.ts'
import { createAdminApp } from './create-admin-app.ts'

const token = 'route-security-token-0123456789'
const remote = { incoming: { socket: { remoteAddress: '203.0.113.9' } } }
const unknownId = '3f1c2b7a-9d4e-4f60-8a1b-2c3d4e5f6a7b'
const json = { 'content-type': 'application/json' }

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  body?: string
  headers?: Record<string, string>
}

// Every route behind the admin token, with a request that would succeed with the token.
const routes: Route[] = [
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/api/stats' },
  { method: 'POST', path: '/api/ask', body: JSON.stringify({ question: 'What is the notice period?' }), headers: json },
  { method: 'GET', path: '/api/documents' },
  { method: 'POST', path: '/api/documents', body: 'multipart' },
  { method: 'GET', path: '/api/documents/:id' },
  { method: 'DELETE', path: '/api/documents/:id' },
  { method: 'POST', path: '/api/reindex' },
  { method: 'GET', path: '/api/jobs/:id' },
  { method: 'GET', path: '/api/email/routes' },
  { method: 'PUT', path: '/api/email/routes', body: JSON.stringify({ routes: [] }), headers: json },
  { method: 'POST', path: '/api/email/routes', body: JSON.stringify({ address: 'a@example.com', workspace: 'local' }), headers: json },
  { method: 'DELETE', path: '/api/email/routes/:id' },
]

// Routes whose path or query names a resource: a malformed one and an unknown one.
const idRoutes: Array<{ route: string; malformed: string; unknown: string; malformedStatus: number; unknownStatus: number }> = [
  { route: 'GET /api/documents/:id', malformed: '/api/documents/not-a-uuid', unknown: `/api/documents/${unknownId}`, malformedStatus: 404, unknownStatus: 404 },
  { route: 'DELETE /api/documents/:id', malformed: '/api/documents/not-a-uuid', unknown: `/api/documents/${unknownId}`, malformedStatus: 404, unknownStatus: 404 },
  { route: 'GET /api/jobs/:id', malformed: "/api/jobs/1'%20or%20'1'='1", unknown: `/api/jobs/${unknownId}`, malformedStatus: 404, unknownStatus: 404 },
  { route: 'GET /api/documents?parent=', malformed: '/api/documents?parent=zzz', unknown: `/api/documents?parent=${unknownId}`, malformedStatus: 400, unknownStatus: 200 },
  { route: 'GET /api/documents?limit=', malformed: '/api/documents?limit=1e400', unknown: '/api/documents?workspace=nobody-here&limit=5', malformedStatus: 400, unknownStatus: 200 },
  { route: 'DELETE /api/email/routes/:address', malformed: '/api/email/routes/%00%1b', unknown: '/api/email/routes/nobody@example.com', malformedStatus: 404, unknownStatus: 404 },
]

describe.each(testDatabases())('admin route security ($name)', (db) => {
  let runtime: Runtime
  let email: EmailAdapter
  let drop: () => Promise<void>
  let app: ReturnType<typeof createAdminApp>

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    email = buildEmailAdapter(runtime, { ADMIN_TOKEN: token, EMAIL_ROUTES_FILE: writeRoutesFile({ routes: [] }) })
    app = createAdminApp({
      core: runtime.core,
      logger: silentLogger,
      metrics: createMetrics({ documentCounts: async () => ({}) }),
      adminToken: token,
      maxFileBytes: 1024 * 1024,
      isReady: async () => true,
      mounts: email.mounts,
    })
  })

  afterAll(async () => {
    await email?.close()
    await runtime?.close()
    await drop?.()
  })

  const send = (route: Route, authorization?: string) => {
    const path = route.path.replace(':id', unknownId)
    const headers: Record<string, string> = { ...route.headers, ...(authorization ? { authorization } : {}) }
    let body: string | FormData | undefined = route.body
    if (route.body === 'multipart') {
      const form = new FormData()
      form.append('file', new Blob(['The notice period is thirty days.']), 'notice.txt')
      body = form
    }
    return app.request(path, { method: route.method, headers, ...(body !== undefined ? { body } : {}) }, remote)
  }

  describe.each(routes)('$method $path', (route) => {
    it('401 without a token', async () => {
      const res = await send(route)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } })
    })

    it('401 with a wrong token, a token of another length, or another scheme', async () => {
      for (const authorization of [`Bearer ${token.slice(0, -1)}X`, 'Bearer short', `Bearer ${token}${token}`, `Basic ${token}`, token]) {
        const res = await send(route, authorization)
        expect(res.status, authorization).toBe(401)
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
      }
    })

    it('passes the token check with the right token, whatever the case of the scheme', async () => {
      for (const authorization of [`Bearer ${token}`, `bearer ${token}`, `BEARER  ${token}`]) {
        const res = await send(route, authorization)
        expect(res.status, authorization).not.toBe(401)
        expect(res.status, authorization).toBeLessThan(500)
      }
    })
  })

  describe.each(idRoutes)('$route', (entry) => {
    it('a malformed id is refused before any SQL, never a 500', async () => {
      const method = entry.route.split(' ')[0]
      const res = await app.request(entry.malformed, { method, headers: { authorization: `Bearer ${token}` } }, remote)
      expect(res.status).toBe(entry.malformedStatus)
      expect(await res.json()).toEqual({ error: { code: entry.malformedStatus === 404 ? 'not_found' : 'invalid_input', message: expect.any(String) } })
    })

    it('an unknown id is a plain answer', async () => {
      const method = entry.route.split(' ')[0]
      const res = await app.request(entry.unknown, { method, headers: { authorization: `Bearer ${token}` } }, remote)
      expect(res.status).toBe(entry.unknownStatus)
      if (entry.unknownStatus === 200) expect(await res.json()).toEqual({ documents: [] })
      else expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
    })
  })

  it('POST /api/reindex: a malformed or unknown documentId names no document (404)', async () => {
    for (const documentId of ['not-a-uuid', unknownId]) {
      const res = await app.request('/api/reindex', { method: 'POST', headers: { authorization: `Bearer ${token}`, ...json }, body: JSON.stringify({ documentId }) }, remote)
      expect(res.status).toBe(404)
    }
  })

  describe('JSON bodies', () => {
    const auth = { authorization: `Bearer ${token}` }
    const jsonRoutes = [
      { method: 'POST', path: '/api/ask', limit: 64 * 1024 },
      { method: 'POST', path: '/api/reindex', limit: 64 * 1024 },
      { method: 'POST', path: '/api/email/routes', limit: 64 * 1024 },
      { method: 'PUT', path: '/api/email/routes', limit: 1024 * 1024 },
    ]

    it.each(jsonRoutes)('$method $path: a body over the limit is 413 with the JSON error shape', async ({ method, path, limit }) => {
      const body = JSON.stringify({ question: 'x'.repeat(limit) })
      const res = await app.request(path, { method, headers: { ...auth, ...json }, body }, remote)
      expect(res.status).toBe(413)
      expect(await res.json()).toEqual({ error: { code: 'too_large', message: expect.stringMatching(/larger than/) } })
    })

    it.each(jsonRoutes)('$method $path: a streamed body (no Content-Length) over the limit is 413 too', async ({ method, path, limit }) => {
      const chunk = new TextEncoder().encode('x'.repeat(16 * 1024))
      let sent = 0
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > limit * 4) return controller.close()
          sent += chunk.byteLength
          controller.enqueue(chunk)
        },
      })
      const res = await app.request(path, { method, headers: { ...auth, ...json, 'transfer-encoding': 'chunked' }, body: stream, duplex: 'half' } as RequestInit, remote)
      expect(res.status).toBe(413)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large')
      // Reading stopped at the limit: the rest of the 4× body was never pulled.
      expect(sent).toBeLessThan(limit * 2)
    })

    it.each(jsonRoutes)('$method $path: a body that is not declared JSON is 415', async ({ method, path }) => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
        const res = await app.request(path, { method, headers: { ...auth, 'content-type': type }, body: '{"question":"What is the notice period?"}' }, remote)
        expect(res.status, type).toBe(415)
        expect(await res.json()).toEqual({ error: { code: 'unsupported_type', message: expect.stringMatching(/application\/json/) } })
      }
    })

    it('accepts application/json with a charset, and a 60 KB question body is read (only its question is used)', async () => {
      const res = await app.request(
        '/api/ask',
        { method: 'POST', headers: { ...auth, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ question: 'notice period?', padding: 'x'.repeat(60 * 1024) }) },
        remote,
      )
      expect(res.status).toBe(200)
      expect(((await res.json()) as { grounded: boolean }).grounded).toBe(false)
    })

    it('POST /api/reindex without a body still starts a job', async () => {
      await waitForIndexing(runtime)
      const res = await app.request('/api/reindex', { method: 'POST', headers: auth }, remote)
      expect(res.status).toBe(202)
      await waitForIndexing(runtime)
    })
  })
})
