import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { corpusPath, repoRoot } from './helpers/corpus.ts'
import { docuquery } from './helpers/run-cli-in-process.ts'

/** `npm start` as a real process on an embedded database, with the CLI beside it. */
describe('the CLI works through a running service on PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dq-service-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'info' }
  let service: ChildProcess
  let log = ''
  let serviceUrl = ''
  let serviceListing = ''

  beforeAll(async () => {
    service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    service.stdout?.on('data', (d: Buffer) => {
      log += d.toString()
    })
    service.stderr?.on('data', (d: Buffer) => {
      log += d.toString()
    })
    const owner = join(dataDir, 'owner.json')
    for (let i = 0; i < 600 && !(existsSync(owner) && readFileSync(owner, 'utf8').includes('url')); i++) {
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(readFileSync(owner, 'utf8')).toContain('http://127.0.0.1:')
    serviceUrl = (JSON.parse(readFileSync(owner, 'utf8')) as { url: string }).url
  })

  afterAll(async () => {
    if (service.exitCode === null) {
      const exited = new Promise((r) => service.once('exit', r))
      service.kill('SIGKILL')
      await exited
    }
  })

  it('logs whether each adapter is on, and which setting would turn it on', () => {
    expect(log).toMatch(/admin API: on/)
    expect(log).toMatch(/no ADMIN_TOKEN set/)
    expect(log).toMatch(/Slack: off[^\n]*SLACK_BOT_TOKEN/)
  })

  it('ingests and answers through the service with the same output', async () => {
    const ingest = await docuquery(['ingest', corpusPath('pdf/sample-contract.pdf'), '--json'], env)
    expect(ingest.code).toBe(0)
    expect(JSON.parse(ingest.stdout)).toMatchObject({ source: 'sample-contract.pdf', status: 'indexed', pages: 10 })
    const ask = await docuquery(['ask', 'How long must the consultant keep records available for audit after final payment?', '--json'], env)
    const answer = JSON.parse(ask.stdout) as { grounded: boolean; citations: Array<{ page: number }> }
    expect(answer.grounded).toBe(true)
    expect(answer.citations[0]?.page).toBe(7)
  })

  it('lists documents, and forgets by title without an internal error', async () => {
    const email = corpusPath('email/outlook-tnef-winmail-dat.eml')
    const ingest = await docuquery(['ingest', email, '--json'], env)
    // winmail.dat is not a document: skipped, so the run succeeds.
    expect(ingest.code).toBe(0)
    expect(ingest.stdout).toMatch(/"status":"skipped"/)
    const listed = await docuquery(['documents', '--json'], env)
    expect(listed.code).toBe(0)
    serviceListing = listed.stdout
    expect(listed.stdout).toMatch(/"source":"sample-contract\.pdf"/)
    const unknown = await docuquery(['forget', 'No Such Title'], env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/no document has the id, title or source “No Such Title”/)
    expect(unknown.stderr).not.toMatch(/went wrong/i)
    const forget = await docuquery(['forget', 'Read: invitation'], env)
    expect(forget.code).toBe(0)
    expect(forget.stdout).toMatch(/^Forgot outlook-tnef-winmail-dat\.eml/)
    serviceListing = (await docuquery(['documents', '--json'], env)).stdout
    expect(serviceListing).not.toMatch(/winmail/)
  })

  it('keeps asking a service that drops connections or answers 503, and reports what the server finished', async () => {
    // A proxy in front of the service: it resets every third connection and answers 503 to every third request.
    let count = 0
    const proxy = createServer((req, res) => {
      count++
      if (count % 3 === 1) return void req.socket.destroy()
      if (count % 3 === 2) {
        res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' })
        return void res.end('{"error":{"code":"provider_unavailable","message":"busy"}}')
      }
      const upstream = request(new URL(req.url ?? '/', serviceUrl), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      req.pipe(upstream)
    })
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
    const viaProxy = mkdtempSync(join(tmpdir(), 'dq-proxy-'))
    writeFileSync(join(viaProxy, 'owner.json'), JSON.stringify({ pid: process.pid, kind: 'service', url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` }))
    try {
      const proxied = { DATA_DIR: viaProxy, LOG_LEVEL: 'info' }
      const ingest = await docuquery(['ingest', corpusPath('text/markdown/18f-handbook-leave.md'), '--json'], proxied)
      expect(ingest.stderr).toBe('')
      expect(JSON.parse(ingest.stdout)).toMatchObject({ source: '18f-handbook-leave.md', status: 'indexed' })
      const table = await docuquery(['ingest', corpusPath('text/markdown/18f-handbook-leave.md')], proxied)
      expect(table.stdout).toMatch(/1 indexed, 0 failed\n$/)
      const stats = JSON.parse((await docuquery(['stats', '--json'], proxied)).stdout) as { documents: { indexed: number; pending: number } }
      const listed = (await docuquery(['documents', '--status', 'indexed', '--json'], proxied)).stdout.trim().split('\n')
      expect(listed).toHaveLength(stats.documents.indexed)
      expect(stats.documents.pending).toBe(0)
      expect(count).toBeGreaterThan(9)
    } finally {
      proxy.close()
    }
    serviceListing = (await docuquery(['documents', '--json'], env)).stdout
  })

  it('refuses a second service on the same data directory', async () => {
    const second = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    second.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    const code = await new Promise((r) => second.once('exit', r))
    expect(code).toBe(1)
    expect(stderr).toMatch(/in use by the DocuQuery service/)
  })

  it('shuts down cleanly on SIGTERM and releases the data directory', async () => {
    const exited = new Promise<number | null>((r) => service.once('exit', r))
    service.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(false)
  })

  it('lists the same documents from the database when the service is not running', async () => {
    const local = await docuquery(['documents', '--json'], env)
    expect(local.code).toBe(0)
    expect(local.stdout).toBe(serviceListing)
  })
})
