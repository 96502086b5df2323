import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from './helpers/corpus.ts'

const run = promisify(execFile)

/**
 * What a new user runs: the compiled build (`npm run build`, as `prepare` does at
 * install), `npm start` (`node dist/src/main.js`) on an empty DATA_DIR, and the
 * README's quick start through the `docuquery` bin on the files in examples/.
 */
describe('the compiled service and CLI run the README quick start', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'dq-quick-')), 'data')
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' }
  let service: ChildProcess
  let log = ''
  const docuquery = (...args: string[]) => run(process.execPath, [join(repoRoot, 'bin/docuquery.mjs'), ...args], { cwd: repoRoot, env, timeout: 120_000 })

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, timeout: 120_000 })
    service = spawn(process.execPath, ['dist/src/main.js'], { cwd: repoRoot, env: { ...env, PORT: '0', HOST: '0.0.0.0' }, stdio: ['ignore', 'ignore', 'pipe'] })
    service.stderr?.on('data', (d: Buffer) => {
      log += d.toString()
    })
    const owner = join(dataDir, 'owner.json')
    for (let i = 0; i < 1200 && !(existsSync(owner) && readFileSync(owner, 'utf8').includes('url')); i++) await new Promise((r) => setTimeout(r, 100))
  })

  afterAll(async () => {
    if (service.exitCode !== null) return
    const exited = new Promise((r) => service.once('exit', r))
    service.kill('SIGTERM')
    await exited
  })

  it('says where it listens: the wildcard address, and the URL that reaches it from this machine', () => {
    const lines = log.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg: string })
    expect(lines[0]?.msg).toMatch(/^opening the database \(PGlite in .*\) and applying migrations/)
    expect(lines.some((l) => /^database ready, migrations applied/.test(l.msg))).toBe(true)
    expect(lines.at(-1)?.msg).toMatch(/^DocuQuery is ready on http:\/\/0\.0\.0\.0:\d+ \(all interfaces; from this machine: http:\/\/127\.0\.0\.1:\d+\)/)
  })

  it('serves /openapi.json, /docs with its assets from node_modules, and the console, from the compiled build', async () => {
    const url = (JSON.parse(readFileSync(join(dataDir, 'owner.json'), 'utf8')) as { url: string }).url
    const spec = (await (await fetch(`${url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> }
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toContain('/api/documents/{id}')
    const bundle = await fetch(`${url}/docs/assets/swagger-ui-bundle.js`)
    expect(bundle.status).toBe(200)
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
    // No ADMIN_TOKEN: this machine opens the console without a login.
    const page = await fetch(`${url}/admin/documents`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1>Documents</h1>')
    expect((await fetch(`${url}/admin/assets/console.js`)).status).toBe(200)
  })

  it('prints help without touching the database', async () => {
    const { stdout } = await docuquery('--help')
    expect(stdout).toMatch(/documents \[options\]/)
  })

  it('ingests examples/ with compiled parse workers, and answers the sample questions from the right document', async () => {
    const ingest = await docuquery('ingest', 'examples/')
    expect(ingest.stdout).toMatch(/travel-policy\.pdf +│ pdf +│ 2 /)
    expect(ingest.stdout).toMatch(/4 indexed, 0 failed\n$/)
    const expectations: Array<[string, RegExp, string, number | null]> = [
      ['How many vacation days do new hires get?', /25 vacation days/, 'handbook.md', null],
      ['What is the daily meal allowance on a business trip?', /60 euros per day/, 'travel-policy.pdf', 1],
      ['How quickly must the on-call engineer answer pages?', /within 15 minutes/, 'forwarded-on-call.eml › New on-call rotation from April.eml', null],
    ]
    for (const [question, answer, source, page] of expectations) {
      const { stdout } = await docuquery('ask', question, '--json')
      const result = JSON.parse(stdout) as { answer: string; grounded: boolean; citations: Array<{ source: string; page: number | null }> }
      expect(result.grounded).toBe(true)
      expect(result.answer).toMatch(answer)
      expect(result.citations[0]).toMatchObject({ source, page })
    }
  })
})
