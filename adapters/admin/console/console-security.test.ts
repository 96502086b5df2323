/**
 * The console's doors through the real admin app on a real database: login
 * (token → session cookie, its attributes), CSRF on every action, the login
 * rate limit per address, logout, open redirects, and the rule without
 * ADMIN_TOKEN (loopback only, as for /api/*).
 */
import { createMetrics, type Runtime, silentLogger } from '../../../src/index.ts'
import { openPglite } from '../../../src/store/db/open-pglite.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestCorpus, buildTestRuntime } from '../../../tests/helpers/test-runtime.ts'
import { createAdminApp } from '../create-admin-app.ts'

const token = 'console-test-token-0123456789'
const client = (address: string) => ({ incoming: { socket: { remoteAddress: address } } })
const local = client('127.0.0.1')
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

/** `name=value` of each Set-Cookie, and the full header by name. */
function cookies(res: Response): Map<string, { pair: string; header: string }> {
  return new Map(res.headers.getSetCookie().map((header) => [header.split('=')[0] ?? '', { pair: header.split(';')[0] ?? '', header }]))
}

describe('admin console security', () => {
  let runtime: Runtime
  let app: ReturnType<typeof createAdminApp>
  let openApp: ReturnType<typeof createAdminApp>
  let contractId = ''

  beforeAll(async () => {
    runtime = await buildTestRuntime(await openPglite())
    const [receipt] = await ingestCorpus(runtime, ['pdf/sample-contract.pdf'], { workspace: 'console' })
    contractId = receipt?.documentId ?? ''
    const deps = { core: runtime.core, logger: silentLogger, metrics: createMetrics({ documentCounts: async () => ({}) }), maxFileBytes: 2 * 1024 * 1024, isReady: async () => true }
    app = createAdminApp({ ...deps, adminToken: token })
    openApp = createAdminApp({ ...deps, adminToken: undefined })
  })

  afterAll(async () => {
    await runtime?.close()
    await runtime?.database.close()
  })

  /** The login form's cookie and CSRF token, as a browser gets them. */
  const loginForm = async (address = '127.0.0.1', headers: Record<string, string> = {}) => {
    const res = await app.request('/admin/login', { headers }, client(address))
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? ''
    return { res, csrf, cookie: cookies(res).get('dq_login')?.pair ?? '' }
  }

  const logIn = async (address = '127.0.0.1', given = token, next = '/admin') => {
    const { csrf, cookie } = await loginForm(address)
    const init = form({ token: given, _csrf: csrf, next })
    return await app.request('/admin/login', { ...init, headers: { ...init.headers, cookie } }, client(address))
  }

  /** A logged-in session: its cookie and the CSRF token its pages carry. */
  const session = async () => {
    const res = await logIn()
    const cookie = cookies(res).get('dq_session')?.pair ?? ''
    const page = await app.request('/admin/documents', { headers: { cookie } }, local)
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
    return { cookie, csrf }
  }

  it('sends a visitor without a session to the login form, which sets an HttpOnly SameSite=Strict cookie', async () => {
    const res = await app.request('/admin/questions?show=declined', {}, local)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fquestions%3Fshow%3Ddeclined')
    const { res: page, csrf, cookie } = await loginForm()
    expect(page.status).toBe(200)
    expect(csrf).not.toBe('')
    expect(cookie).toMatch(/^dq_login=/)
    const header = cookies(page).get('dq_login')?.header ?? ''
    expect(header).toMatch(/HttpOnly/)
    expect(header).toMatch(/SameSite=Strict/)
    expect(header).toMatch(/Path=\/admin/)
    expect(header).not.toMatch(/Secure/)
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
  })

  it('marks cookies Secure behind HTTPS', async () => {
    const { res } = await loginForm('127.0.0.1', { 'x-forwarded-proto': 'https' })
    expect(cookies(res).get('dq_login')?.header).toMatch(/Secure/)
  })

  it('logs in with the token: a session cookie, then the page asked for', async () => {
    const res = await logIn('198.51.100.1', token, '/admin/settings')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/settings')
    const sessionCookie = cookies(res).get('dq_session')
    expect(sessionCookie?.header).toMatch(/HttpOnly/)
    expect(sessionCookie?.header).toMatch(/SameSite=Strict/)
    const page = await app.request('/admin/settings', { headers: { cookie: sessionCookie?.pair ?? '' } }, client('198.51.100.1'))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Answer models')
  })

  it('never redirects elsewhere after login', async () => {
    for (const next of ['//evil.example/admin', 'https://evil.example', '/administrator', '/api/stats', '/admin\r\nSet-Cookie: x=1', '/admin/\\evil.example']) {
      expect((await logIn('198.51.100.2', token, next)).headers.get('location'), next).toBe('/admin')
    }
  })

  it('reads no large login body', async () => {
    const res = await app.request('/admin/login', form({ token: 'x'.repeat(64 * 1024) }), client('198.51.100.9'))
    expect(res.status).toBe(413)
  })

  it('refuses a wrong token, and a login without the form’s CSRF token', async () => {
    const wrong = await logIn('198.51.100.3', `${token}x`)
    expect(wrong.status).toBe(401)
    expect(cookies(wrong).has('dq_session')).toBe(false)
    expect(await wrong.text()).toContain('That is not the admin token.')
    const noCsrf = await app.request('/admin/login', form({ token }), client('198.51.100.3'))
    expect(noCsrf.status).toBe(403)
    expect(cookies(noCsrf).has('dq_session')).toBe(false)
  })

  it('allows a few failed logins a minute per address, then refuses even the right token from it', async () => {
    const address = '203.0.113.50'
    for (let i = 0; i < 5; i++) expect((await logIn(address, 'guess')).status).toBe(401)
    const blocked = await logIn(address, token)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(cookies(blocked).has('dq_session')).toBe(false)
    expect((await logIn('203.0.113.51', token)).status).toBe(303)
  })

  it('refuses a tampered or unknown session cookie', async () => {
    const { cookie } = await session()
    const tampered = `${cookie.slice(0, -2)}xx`
    for (const value of [tampered, 'dq_session=1.2.3', `dq_session=${'9'.repeat(13)}.abc.def`]) {
      expect((await app.request('/admin', { headers: { cookie: value } }, local)).status).toBe(303)
    }
  })

  it('every action needs the session’s CSRF token', async () => {
    const { cookie, csrf } = await session()
    const actions = ['/admin/documents/reindex', `/admin/documents/${contractId}/reindex`, `/admin/documents/${contractId}/forget`, '/admin/logout', '/admin/documents/upload']
    for (const path of actions) {
      const attempts: Array<Record<string, string>> = [{}, { _csrf: 'forged' }, { _csrf: `${csrf}x` }]
      for (const given of attempts) {
        const init = form(given)
        const res = await app.request(path, { ...init, headers: { ...init.headers, cookie } }, local)
        expect(res.status, `${path} ${JSON.stringify(given)}`).toBe(403)
      }
      // Without a session at all, no action either.
      expect((await app.request(path, form({ _csrf: csrf }), local)).status).toBe(401)
    }
    // Another session's token does not fit this one.
    const other = await session()
    const init = form({ _csrf: other.csrf })
    expect((await app.request('/admin/documents/reindex', { ...init, headers: { ...init.headers, cookie } }, local)).status).toBe(403)
    // The right token, as a form field or a header, goes through.
    const ok = form({ _csrf: csrf })
    const reindex = await app.request('/admin/documents/reindex', { ...ok, headers: { ...ok.headers, cookie } }, local)
    expect(reindex.status).toBe(303)
    expect(reindex.headers.get('location')).toMatch(/^\/admin\/documents\?job=[0-9a-f-]{36}$/)
    const byHeader = await app.request(`/admin/documents/${contractId}/reindex`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } }, local)
    expect(byHeader.status).toBe(303)
    const job = await app.request(`/admin/jobs/${reindex.headers.get('location')?.split('=')[1]}`, { headers: { cookie } }, local)
    expect(await job.json()).toMatchObject({ kind: 'reindex', total: 1 })
    expect((await app.request('/admin/jobs/nope', { headers: { cookie } }, local)).status).toBe(404)
    await runtime.core.idle()
  })

  it('logout ends the session', async () => {
    const { cookie, csrf } = await session()
    const init = form({ _csrf: csrf })
    const res = await app.request('/admin/logout', { ...init, headers: { ...init.headers, cookie } }, local)
    expect(res.status).toBe(303)
    expect(cookies(res).get('dq_session')?.header).toMatch(/Max-Age=0/)
    expect((await app.request('/admin', { headers: { cookie } }, local)).status).toBe(303)
  })

  it('without ADMIN_TOKEN: this machine gets in without a login, other machines not at all', async () => {
    const page = await openApp.request('/admin/documents', {}, local)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('sample-contract.pdf')
    expect(cookies(page).get('dq_session')?.header).toMatch(/HttpOnly/)
    const remote = await openApp.request('/admin/documents', {}, client('203.0.113.9'))
    expect(remote.status).toBe(403)
    expect(await remote.text()).toContain('ADMIN_TOKEN')
    const login = await openApp.request('/admin/login', form({ token: '' }), client('203.0.113.9'))
    expect(login.status).toBeGreaterThanOrEqual(400)
    expect(cookies(login).has('dq_session')).toBe(false)
  })
})
