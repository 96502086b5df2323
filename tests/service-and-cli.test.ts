import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
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
    expect(JSON.parse(ingest.stdout)).toMatchObject({ source: corpusPath('pdf/sample-contract.pdf'), status: 'indexed', pages: 10 })
    const ask = await docuquery(['ask', 'How long must the consultant keep records available for audit after final payment?', '--json'], env)
    const answer = JSON.parse(ask.stdout) as { grounded: boolean; citations: Array<{ page: number }> }
    expect(answer.grounded).toBe(true)
    expect(answer.citations[0]?.page).toBe(7)
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
})
