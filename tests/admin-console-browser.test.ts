/**
 * The admin console in a real browser: Debian's chromium driven by
 * playwright-core against the real service on a real database. It logs in,
 * uploads corpus PDFs through the upload form and watches them become
 * indexed (or fail, with the reason in words), finds a declined question,
 * follows a reindex job, forgets a document, and checks that no page logged
 * an error or asked another origin for anything. The screenshots in the
 * README (docs/screenshots) are made here.
 */
import { createMetrics, silentLogger, type Runtime } from '../src/index.ts'
import { openPglite } from '../src/store/db/open-pglite.ts'
import { adapterStatuses } from '../adapters/adapter-statuses.ts'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import { type BrowserContext, type Page, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import { corpusPath, readCorpus, repoRoot } from './helpers/corpus.ts'
import { buildTestRuntime } from './helpers/test-runtime.ts'

const chromiumPath = '/usr/bin/chromium'
const hasChromium = existsSync(chromiumPath)
if (!hasChromium) console.warn(`admin console browser tests skipped: ${chromiumPath} is missing (apt-get install -y chromium; .ci/run installs it)`)

const token = 'browser-test-admin-token-0123456789'
const shots = join(repoRoot, 'docs', 'screenshots')
const declinedQuestion = 'What is the parking policy for visitors?'
const answeredQuestion = 'How long must records be kept available for audit?'
// Waits on conditions, never on time: generous ceilings for a busy 2-core machine.
const patience = { timeout: 120_000 }

describe.skipIf(!hasChromium)('admin console in a browser', () => {
  let runtime: Runtime
  let server: ServerType
  let base = ''
  let browser: BrowserContext
  let page: Page
  let profile = ''
  const problems: string[] = []
  const scriptBytes = new Map<string, number>()

  beforeAll(async () => {
    runtime = await buildTestRuntime(await openPglite())
    const app = createAdminApp({
      core: runtime.core,
      logger: silentLogger,
      metrics: createMetrics({ documentCounts: async () => ({}) }),
      adminToken: token,
      maxFileBytes: runtime.config.MAX_FILE_BYTES,
      isReady: async () => true,
      consoleSettings: () => ({ adapters: adapterStatuses(runtime.config, base), embeddingModel: runtime.embedder.model }),
    })
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
    })
    const address = server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    profile = mkdtempSync(join(tmpdir(), 'dq-chromium-'))
    // A fresh profile each run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    page = browser.pages()[0] ?? (await browser.newPage())
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`))
    page.on('dialog', (dialog) => void dialog.accept())
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) problems.push(`request to another origin: ${request.url()}`)
    })
    page.on('response', async (response) => {
      const url = new URL(response.url())
      if (url.pathname.startsWith('/admin/') && response.request().resourceType() === 'script') {
        scriptBytes.set(url.pathname, (await response.body()).byteLength)
      }
    })
    mkdirSync(shots, { recursive: true })
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await runtime?.close()
    await runtime?.database.close()
    if (profile) rmSync(profile, { recursive: true, force: true })
  })

  const shoot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
  const ask = async (question: string) => {
    const res = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    })
    expect(res.status).toBe(200)
    return (await res.json()) as { grounded: boolean }
  }

  it('logs in with the admin token', async () => {
    await page.goto(`${base}/admin/documents`)
    await page.waitForURL(/\/admin\/login\?next=/)
    await shoot('login')
    await page.fill('input[name=token]', 'not-the-token')
    await page.click('button[type=submit]')
    await page.getByText('That is not the admin token.').waitFor()
    // The refused login is a 401, which the browser reports; that one is expected, nothing else is.
    expect(problems).toEqual([expect.stringMatching(/\/admin\/login: .*401/)])
    problems.length = 0
    await page.fill('input[name=token]', token)
    await page.click('button[type=submit]')
    await page.waitForURL(`${base}/admin/documents`)
    await page.getByRole('heading', { name: 'Documents' }).waitFor()
  })

  it('uploads corpus PDFs (dropped, and picked) and watches them become indexed, or fail with the reason in words', async () => {
    // A drop as the browser delivers it: a DataTransfer with the file, on the drop zone.
    const dropped = { name: 'sample-contract.pdf', base64: Buffer.from(readCorpus('pdf/sample-contract.pdf')).toString('base64') }
    await page.evaluate(`(function (file) {
      var bytes = Uint8Array.from(atob(file.base64), function (c) { return c.charCodeAt(0) })
      var transfer = new DataTransfer()
      transfer.items.add(new File([bytes], file.name, { type: 'application/pdf' }))
      var zone = document.querySelector('form[data-dropzone]')
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    })(${JSON.stringify(dropped)})`)
    await page.waitForURL(/notice=uploaded&n=1/)
    await page.setInputFiles('form[data-dropzone] input[type=file]', corpusPath('pdf/encrypted-user-password-openpassword.pdf'))
    await page.click('form[data-dropzone] button[type=submit]')
    await page.waitForURL(/notice=uploaded&n=1/)
    // The list follows the documents by itself (no reload) until none is pending or processing.
    await page.locator('tr[data-title="sample-contract.pdf"][data-status="indexed"]').waitFor(patience)
    const failed = page.locator('tr[data-title="encrypted-user-password-openpassword.pdf"][data-status="failed"]')
    await failed.waitFor(patience)
    expect(await failed.locator('.reason').innerText()).toMatch(/^Encrypted: it .+/)
    await shoot('documents')
    await page.goto(`${base}/admin/documents?status=failed`)
    expect(await page.locator('tbody tr[data-status]').count()).toBe(1)
  }, 240_000)

  it('finds a question the documents could not answer among the declined ones', async () => {
    expect((await ask(answeredQuestion)).grounded).toBe(true)
    expect((await ask(answeredQuestion)).grounded).toBe(true)
    expect((await ask(declinedQuestion)).grounded).toBe(false)
    // A 👎 as the chat adapters record it, for the not-helpful view.
    const [answered] = await runtime.core.questions({ search: 'records', limit: 1 })
    await runtime.core.recordFeedback({ queryId: answered?.id ?? '', workspace: 'local', helpful: false, by: 'U0READER', reason: 'outdated' })

    await page.goto(`${base}/admin/questions`)
    await page.locator('article.q').first().waitFor()
    expect(await page.locator('article.q').count()).toBe(3)
    await page.locator('article.q details').evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')))
    await shoot('questions')
    await page.click('text=Declined: coverage gaps')
    await page.waitForURL(/show=declined/)
    const declined = page.locator('article.q')
    expect(await declined.count()).toBe(1)
    expect(await declined.locator('.question').innerText()).toBe(declinedQuestion)
    await page.click('text=Not helpful')
    await page.waitForURL(/show=not_helpful/)
    expect(await page.locator('article.q .question').allInnerTexts()).toEqual([answeredQuestion])
  })

  it('shows the overview charts and the read-only settings', async () => {
    await page.goto(`${base}/admin`)
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(6)
    expect(await page.locator('.card .value').first().innerText()).toBe('1')
    await shoot('overview')
    await page.goto(`${base}/admin/settings`)
    await page.getByRole('heading', { name: 'Adapters' }).waitFor()
    expect(await page.locator('text=local-hash-v1').count()).toBeGreaterThanOrEqual(1)
    await shoot('settings')
  })

  it('reindexes everything and follows the job to its end', async () => {
    await page.goto(`${base}/admin/documents`)
    await page.click('text=Reindex all')
    await page.waitForURL(/job=/)
    await page.locator('[data-job][data-state="done"]').waitFor(patience)
    expect(await page.locator('[data-job-label]').innerText()).toMatch(/^2 of 2 done, 1 failed — done$/)
  }, 240_000)

  it('forgets a document after a confirmation', async () => {
    await page.goto(`${base}/admin/documents`)
    await page.locator('tr[data-title="sample-contract.pdf"] button.danger').click()
    await page.waitForURL(/notice=forgotten/)
    expect(await page.locator('tr[data-title="sample-contract.pdf"]').count()).toBe(0)
    expect((await ask(answeredQuestion)).grounded).toBe(false)
  })

  it('is usable on a phone, and the reference at /docs loads from this service', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${base}/admin/questions?show=declined`)
    const width = await page.evaluate<number>('document.documentElement.scrollWidth')
    expect(width).toBeLessThanOrEqual(390)
    await shoot('questions-phone')
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${base}/docs`)
    await page.locator('.opblock').first().waitFor(patience)
    await page.screenshot({ path: join(shots, 'api-docs.png') })
  }, 180_000)

  it('logged no errors, asked no other origin, and shipped under 150 KB of script', () => {
    expect(problems).toEqual([])
    const total = [...scriptBytes.values()].reduce((a, b) => a + b, 0)
    expect(scriptBytes.size).toBeGreaterThanOrEqual(1)
    expect(total).toBeLessThanOrEqual(150 * 1024)
  })
})
