/**
 * /openapi.json against the real admin app: every admin route is in it, and
 * each route's real answer (success and refusal) matches the schema the spec
 * documents for that status, checked with a JSON Schema validator (ajv) on
 * the published document itself. /docs loads nothing from another origin.
 */
import { createMetrics, type Runtime, silentLogger } from '../../../src/index.ts'
import { openPglite } from '../../../src/store/db/open-pglite.ts'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCorpus } from '../../../tests/helpers/corpus.ts'
import { buildEmailAdapter, writeRoutesFile } from '../../../tests/helpers/email-test-kit.ts'
import { buildTestRuntime, waitForIndexing } from '../../../tests/helpers/test-runtime.ts'
import type { EmailAdapter } from '../../email/create-email-adapter.ts'
import { createAdminApp } from '../create-admin-app.ts'

const token = 'openapi-test-token-0123456789'
const remote = { incoming: { socket: { remoteAddress: '203.0.113.9' } } }
const auth = { authorization: `Bearer ${token}` }
const json = { ...auth, 'content-type': 'application/json' }

interface Spec {
  openapi: string
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>
  components: { securitySchemes: Record<string, unknown> }
}

interface Call {
  init?: RequestInit
  path?: string
  status: number
}

describe('OpenAPI spec and /docs', () => {
  let runtime: Runtime
  let email: EmailAdapter
  let app: ReturnType<typeof createAdminApp>
  let spec: Spec
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
  const ids = { document: '', job: '' }

  beforeAll(async () => {
    runtime = await buildTestRuntime(await openPglite())
    email = buildEmailAdapter(runtime, { ADMIN_TOKEN: token, EMAIL_ROUTES_FILE: writeRoutesFile({ routes: [] }) })
    app = createAdminApp({
      core: runtime.core,
      logger: silentLogger,
      metrics: createMetrics({ documentCounts: async () => ({}) }),
      adminToken: token,
      maxFileBytes: 2 * 1024 * 1024,
      isReady: async () => true,
      mounts: email.mounts,
    })
    const res = await app.request('/openapi.json', {}, remote)
    expect(res.status).toBe(200)
    spec = (await res.json()) as Spec
    ajv.addSchema(spec, 'spec')
  })

  afterAll(async () => {
    await email?.close()
    await runtime?.close()
    await runtime?.database.close()
  })

  const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')

  /** The real answer checked against what the spec documents for its status. */
  const expectDocumented = async (method: string, path: string, res: Response) => {
    const operation = spec.paths[path]?.[method]
    const documented = operation?.responses[String(res.status)]
    expect(documented, `${method.toUpperCase()} ${path} answered ${res.status}, which the spec does not document`).toBeDefined()
    const type = (res.headers.get('content-type') ?? '').split(';')[0] ?? ''
    expect(Object.keys(documented?.content ?? {}), `${method} ${path} ${res.status}`).toContain(type)
    if (type !== 'application/json') return
    const validate = ajv.getSchema(`spec#/${pointer('paths', path, method, 'responses', String(res.status), 'content', 'application/json', 'schema')}`)
    expect(validate).toBeDefined()
    const body: unknown = await res.json()
    const valid = validate?.(body)
    expect(valid, `${method.toUpperCase()} ${path} ${res.status}: ${JSON.stringify(validate?.errors)}`).toBe(true)
  }

  it('is OpenAPI 3.1, served without a token, with the bearer scheme', () => {
    expect(spec.openapi).toBe('3.1.0')
    expect(spec.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' })
  })

  it('documents every admin route the app serves, and only those', () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && /^\/(api|health|metrics)(\/|$)/.test(r.path))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    )
    const documented = new Set(Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)))
    expect(served.size).toBeGreaterThanOrEqual(14)
    expect([...served].sort()).toEqual([...documented].filter((op) => !op.startsWith('get /openapi')).sort())
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path.startsWith('/api') || path === '/metrics') expect(op.security, `${method} ${path}`).toEqual([{ adminToken: [] }])
      }
    }
  })

  it("every route's real answer matches its documented schema, in success and refusal", async () => {
    const form = new FormData()
    form.append('file', new Blob([readCorpus('pdf/sample-contract.pdf')]), 'sample-contract.pdf')
    form.append('workspace', 'openapi')
    // In the order they can succeed: upload, then read and reindex, then forget.
    const calls: Array<[string, string, () => Call]> = [
      ['get', '/health/live', () => ({ status: 200 })],
      ['get', '/health/ready', () => ({ status: 200 })],
      ['post', '/api/documents', () => ({ init: { method: 'POST', headers: auth, body: form }, status: 202 })],
      ['get', '/api/documents', () => ({ path: '/api/documents?workspace=openapi', status: 200 })],
      ['get', '/api/documents/{id}', () => ({ path: `/api/documents/${ids.document}`, status: 200 })],
      ['post', '/api/ask', () => ({ init: { method: 'POST', headers: json, body: JSON.stringify({ question: 'How long must records be kept?', workspace: 'openapi' }) }, status: 200 })],
      ['get', '/api/stats', () => ({ status: 200 })],
      ['get', '/api/feedback', () => ({ path: '/api/feedback?since=1d&helpful=false', status: 200 })],
      ['post', '/api/reindex', () => ({ init: { method: 'POST', headers: json, body: JSON.stringify({ documentId: ids.document }) }, status: 202 })],
      ['get', '/api/jobs/{id}', () => ({ path: `/api/jobs/${ids.job}`, status: 200 })],
      ['get', '/metrics', () => ({ status: 200 })],
      ['get', '/api/email/routes', () => ({ status: 200 })],
      ['put', '/api/email/routes', () => ({ init: { method: 'PUT', headers: json, body: JSON.stringify({ routes: [] }) }, status: 200 })],
      ['post', '/api/email/routes', () => ({ init: { method: 'POST', headers: json, body: JSON.stringify({ address: 'docs@example.com', workspace: 'local' }) }, status: 201 })],
      ['delete', '/api/email/routes/{address}', () => ({ path: '/api/email/routes/docs@example.com', status: 200 })],
      ['delete', '/api/documents/{id}', () => ({ path: `/api/documents/${ids.document}`, status: 200 })],
    ]
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    expect(calls.map(([m, p]) => `${m} ${p}`).sort()).toEqual(documented.filter((op) => op !== 'get /openapi.json').sort())

    for (const [method, path, call] of calls) {
      const { init = { headers: auth }, path: url = path, status } = call()
      const res = await app.request(url, { method: method.toUpperCase(), ...init }, remote)
      expect(res.status, `${method} ${url}`).toBe(status)
      if (method === 'post' && path === '/api/documents') {
        const [receipt] = (await res.clone().json()) as Array<{ documentId: string }>
        ids.document = receipt?.documentId ?? ''
        await waitForIndexing(runtime)
      }
      if (path === '/api/reindex') ids.job = ((await res.clone().json()) as { id: string }).id
      await expectDocumented(method, path, res)

      if (path.startsWith('/api') || path === '/metrics') {
        const refused = await app.request(url, { method: method.toUpperCase(), ...init, headers: {} }, remote)
        expect(refused.status).toBe(401)
        await expectDocumented(method, path, refused)
      }
    }
    await waitForIndexing(runtime)
  })

  it('documents the refusals the routes give: unknown ids, bad bodies', async () => {
    const unknown = '3f1c2b7a-9d4e-4f60-8a1b-2c3d4e5f6a7b'
    await expectDocumented('get', '/api/documents/{id}', await app.request(`/api/documents/${unknown}`, { headers: auth }, remote))
    await expectDocumented('get', '/api/jobs/{id}', await app.request(`/api/jobs/${unknown}`, { headers: auth }, remote))
    await expectDocumented('post', '/api/ask', await app.request('/api/ask', { method: 'POST', headers: json, body: '{}' }, remote))
    await expectDocumented('post', '/api/ask', await app.request('/api/ask', { method: 'POST', headers: auth, body: 'question?' }, remote))
    await expectDocumented('get', '/api/documents', await app.request('/api/documents?status=lost', { headers: auth }, remote))
    await expectDocumented('get', '/api/feedback', await app.request('/api/feedback?since=yesterday', { headers: auth }, remote))
  })

  it('serves /docs and its assets from this service, naming no other origin', async () => {
    const page = await app.request('/docs', {}, remote)
    expect(page.status).toBe(200)
    const text = await page.text()
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    // `data:` (the empty favicon, so the browser asks for no /favicon.ico) is no request at all.
    const references = [...text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '').filter((r) => !r.startsWith('data:'))
    expect(references.length).toBeGreaterThanOrEqual(3)
    for (const reference of references) {
      expect(reference, 'a same-origin path').toMatch(/^\/(?!\/)/)
      const asset = await app.request(reference, {}, remote)
      expect(asset.status, reference).toBe(200)
      expect((await asset.text()).length).toBeGreaterThan(0)
    }
    expect(text).not.toMatch(/https?:\/\//)
    expect((await app.request('/docs/assets/../../package.json', {}, remote)).status).toBe(404)
  })
})
