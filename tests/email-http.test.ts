/**
 * POST /inbound/email through the real admin app (mounted as a platform
 * webhook), on the real core: the same receiver as SMTP, so the same results.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import type { EmailAdapter } from '../adapters/email/create-email-adapter.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createMetrics } from '../src/platform/metrics.ts'
import type { Runtime } from '../src/runtime.ts'
import { readCorpus } from './helpers/corpus.ts'
import { buildEmailAdapter, recordingCounters, writeRoutesFile } from './helpers/email-test-kit.ts'
import { testDatabases } from './helpers/test-databases.ts'
import { buildTestRuntime, waitForIndexing } from './helpers/test-runtime.ts'

const TOKEN = 'inbound-token-0123456789abcdef'
const ADMIN_TOKEN = 'admin-token-0123456789abcdef'

function message(fields: { from?: string; to?: string; subject?: string; id?: string; body?: string } = {}): string {
  return [
    `From: ${fields.from ?? 'Jane Doe <jane@example.com>'}`,
    `To: ${fields.to ?? 'docs+C0HTTP@example.com'}`,
    `Subject: ${fields.subject ?? 'Office move'}`,
    `Message-ID: <${fields.id ?? randomBytes(6).toString('hex')}@example.com>`,
    'Date: Wed, 12 Mar 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=windows-1252',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    fields.body ?? 'The office moves to the Caf=E9 building on the second floor in May.',
  ].join('\r\n')
}

describe.each(testDatabases())('POST /inbound/email ($name)', (db) => {
  let runtime: Runtime
  let adapter: EmailAdapter
  let drop: () => Promise<void>
  let app: ReturnType<typeof createAdminApp>
  const counts = recordingCounters()

  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    const routes = writeRoutesFile([{ address: 'docs+*@example.com', workspace: 'slack:T0HTTP', channel: '{tag}' }])
    adapter = buildEmailAdapter(
      runtime,
      { ADMIN_TOKEN, INBOUND_EMAIL_TOKEN: TOKEN, EMAIL_ROUTES_FILE: routes, EMAIL_ALLOWED_SENDERS: 'example.com', MAX_EMAIL_BYTES: '200000' },
      { counters: counts.counters },
    )
    const metrics = createMetrics({ documentCounts: async () => ({}) })
    app = createAdminApp({ core: runtime.core, logger: silentLogger, metrics, adminToken: ADMIN_TOKEN, maxFileBytes: 50_000_000, isReady: async () => true, mounts: adapter.mounts })
  })

  afterAll(async () => {
    await adapter?.close()
    await runtime?.close()
    await drop?.()
  })

  const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    app.request(path, { method: 'POST', body, headers: { 'content-type': 'message/rfc822', ...headers } })

  it('requires the inbound token (and the admin token is not it)', async () => {
    for (const response of [
      await post('/inbound/email', message()),
      await post('/inbound/email?token=wrong-token-0123456789', message()),
      await post('/inbound/email', message(), { authorization: `Bearer ${ADMIN_TOKEN}` }),
    ]) {
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'A valid inbound e-mail token is required.' } })
    }
    expect(await runtime.core.listDocuments({ workspace: 'slack:T0HTTP' })).toEqual([])
  })

  it('stores the raw message in the mapped channel and makes it answerable (token in the URL)', async () => {
    const response = await post(`/inbound/email?token=${TOKEN}`, message({ id: 'office-move' }))
    expect(response.status).toBe(202)
    const body = (await response.json()) as { source: string; deliveries: { workspace: string; channel: string; documentId: string; status: string }[] }
    expect(body.source).toBe('email:office-move@example.com')
    expect(body.deliveries).toEqual([expect.objectContaining({ workspace: 'slack:T0HTTP', channel: 'C0HTTP', status: 'pending', source: 'email:office-move@example.com' })])
    await waitForIndexing(runtime)
    const answer = await runtime.core.ask({ question: 'Where does the office move in May?', workspace: 'slack:T0HTTP', channel: 'C0HTTP' })
    expect(answer.grounded).toBe(true)
    expect(answer.answer).toContain('Café building')
    expect(answer.citations[0]).toMatchObject({ title: 'Office move', source: 'email:office-move@example.com' })
  })

  it('takes the token as a bearer, X-Inbound-Token or Basic password, and reports a redelivery as a duplicate', async () => {
    const raw = message({ id: 'office-move' })
    for (const headers of <Record<string, string>[]>[
      { authorization: `Bearer ${TOKEN}` },
      { 'x-inbound-token': TOKEN },
      { authorization: `Basic ${Buffer.from(`api:${TOKEN}`).toString('base64')}` },
    ]) {
      const response = await post('/inbound/email', raw, headers)
      expect(response.status).toBe(202)
      expect(((await response.json()) as { deliveries: { duplicate?: boolean }[] }).deliveries[0]?.duplicate).toBe(true)
    }
  })

  it('reads SendGrid-style forms (raw "email" field plus envelope)', async () => {
    const form = new FormData()
    form.set('email', message({ id: 'sendgrid-form', to: 'someone-else@example.com', subject: 'Parking' , body: 'Bicycles go in the basement rack.' }))
    form.set('envelope', JSON.stringify({ to: ['docs+C0FORM@example.com'], from: 'jane@example.com' }))
    const response = await app.request(`/inbound/email?token=${TOKEN}`, { method: 'POST', body: form })
    expect(response.status).toBe(202)
    expect(await response.json()).toMatchObject({ deliveries: [{ channel: 'C0FORM' }] })
  })

  it('refuses with the same reasons as SMTP: sender 403, recipient 404, size 413, not a message 400', async () => {
    const sender = await post(`/inbound/email?token=${TOKEN}`, message({ from: 'mallory@evil.example' }))
    expect(sender.status).toBe(403)
    expect(await sender.json()).toEqual({ error: { code: 'unauthorized', message: 'mail from mallory@evil.example is not accepted here' }, reason: 'sender' })

    const recipient = await post(`/inbound/email?token=${TOKEN}`, message({ to: 'nobody@elsewhere.example' }))
    expect(recipient.status).toBe(404)
    expect(await recipient.json()).toMatchObject({ reason: 'recipient' })

    const size = await post(`/inbound/email?token=${TOKEN}`, message({ body: 'x'.repeat(250_000) }))
    expect(size.status).toBe(413)
    expect(await size.json()).toMatchObject({ error: { code: 'too_large' }, reason: 'size' })

    // Opening with a NUL: random bytes alone look like a header line ("X7#:") about once in 450 runs.
    const garbage = randomBytes(2048)
    garbage[0] = 0
    const junk = await post(`/inbound/email?token=${TOKEN}`, garbage)
    expect(junk.status).toBe(400)
    expect(await junk.json()).toMatchObject({ error: { code: 'invalid_input', message: 'this is not an e-mail message: it does not start with a header block' } })

    expect([counts.get('http', 'refused_sender'), counts.get('http', 'refused_recipient'), counts.get('http', 'refused_size'), counts.get('http', 'refused_malformed')]).toEqual([1, 1, 1, 1])
  })

  it('indexes a corpus forward (message/rfc822 with a PDF) as linked documents, as SMTP does', async () => {
    const raw = readCorpus('email/forward-as-attachment-rfc822-with-pdf.eml')
    const response = await post(`/inbound/email?token=${TOKEN}&to=docs%2BC0FWD@example.com&from=jane@example.com`, raw)
    expect(response.status).toBe(202)
    await waitForIndexing(runtime)
    const docs = await runtime.core.listDocuments({ workspace: 'slack:T0HTTP', channel: 'C0FWD' })
    const top = docs.find((d) => d.parentId === null)
    expect(top?.source).toMatch(/^email:/)
    const parts = await runtime.core.listDocuments({ parentId: top?.id ?? '' })
    expect(parts.length).toBeGreaterThan(0)
    for (const part of parts) expect(part.source.startsWith(`${top?.source} › `)).toBe(true)
  })

  it('changes the address mapping through the admin API, and the next message follows it', async () => {
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }
    expect((await app.request('/api/email/routes', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(401)

    const bad = await app.request('/api/email/routes', { method: 'POST', headers: admin, body: JSON.stringify({ address: 'ops@example.com', workspace: 'slack:T0HTTP', channel: 'workspace' }) })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input', message: expect.stringMatching(/not a valid channel id/) } })

    const added = await app.request('/api/email/routes', { method: 'POST', headers: admin, body: JSON.stringify({ address: 'Ops@Example.com', workspace: 'slack:T0HTTP', channel: 'C0OPS' }) })
    expect(added.status).toBe(201)
    const listed = (await (await app.request('/api/email/routes', { headers: admin })).json()) as { routes: { address: string }[]; file: string }
    expect(listed.routes.map((r) => r.address)).toEqual(['docs+*@example.com', 'ops@example.com'])
    expect(JSON.parse(readFileSync(listed.file, 'utf8'))).toEqual({ routes: listed.routes })

    const response = await post(`/inbound/email?token=${TOKEN}`, message({ to: 'ops@example.com', subject: 'On-call', body: 'The on-call rota changes on Mondays.' }))
    expect(response.status).toBe(202)
    expect(await response.json()).toMatchObject({ deliveries: [{ workspace: 'slack:T0HTTP', channel: 'C0OPS' }] })

    expect((await app.request('/api/email/routes/ops@example.com', { method: 'DELETE', headers: admin })).status).toBe(200)
    expect((await post(`/inbound/email?token=${TOKEN}`, message({ to: 'ops@example.com' }))).status).toBe(404)
    expect((await app.request('/api/email/routes/ops@example.com', { method: 'DELETE', headers: admin })).status).toBe(404)
  })

  it('leaves /api/* behind the admin token', async () => {
    const response = await app.request('/api/documents', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(401)
  })
})

describe('without INBOUND_EMAIL_TOKEN', () => {
  it('has no inbound route at all', async () => {
    const [db] = testDatabases({})
    if (!db) throw new Error('no database')
    const created = await db.create()
    const runtime = await buildTestRuntime(created.database)
    try {
      const adapter = buildEmailAdapter(runtime, {})
      expect(adapter.mounts.map((m) => m.path)).toEqual(['/api/email'])
      const app = createAdminApp({ core: runtime.core, logger: silentLogger, metrics: createMetrics({ documentCounts: async () => ({}) }), adminToken: ADMIN_TOKEN, maxFileBytes: 1000, isReady: async () => true, mounts: adapter.mounts })
      expect((await app.request('/inbound/email', { method: 'POST', body: message() })).status).toBe(404)
    } finally {
      await runtime.close()
      await created.drop()
    }
  })
})
