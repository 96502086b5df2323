import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectRows } from '../src/store/db/database.ts'
import { readCorpus } from './helpers/corpus.ts'
import { deleteKeys, testRedisUrl, uniquePrefix } from './helpers/redis-server.ts'
import { type SlackApiServer, startSlackApiServer } from './helpers/slack-api-server.ts'
import { SIGNING_SECRET, BOT_TOKEN, TEAM, eventEnvelope, mentionEvent, signed } from './helpers/slack-kit.ts'
import { type ServiceProcess, spawnService } from './helpers/spawn-service.ts'
import { testDatabases } from './helpers/test-databases.ts'

const postgres = testDatabases().find((db) => db.name === 'postgres')
const skipReason = !postgres ? 'TEST_DATABASE_URL is not set' : !testRedisUrl ? 'TEST_REDIS_URL is not set' : null

const ADMIN_TOKEN = 'scale-out-admin-token-0001'
const WORKSPACE = `slack:${TEAM}`
const CHANNEL = 'C0SCALE01'
const carryOver = 'How many hours of annual leave can be carried over to the next leave year?'

interface Web {
  process: ServiceProcess
  url: string
}

interface DocumentView {
  id: string
  status: string
  source: string
  error: { code: string } | null
}

/**
 * The service as teams scale it out: two web processes (ROLE=web) and a
 * worker (ROLE=worker) as child processes on one PostgreSQL and one Redis,
 * with Slack's Web API faked on a loopback port.
 */
describe.skipIf(skipReason !== null)(`two web processes and a worker cooperate${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const cleanups: Array<() => Promise<unknown>> = []
  let slack: SlackApiServer
  let webs: [Web, Web]
  let worker: ServiceProcess
  let shared: Record<string, string>

  beforeAll(async () => {
    if (!postgres || !testRedisUrl) return
    const redisUrl = testRedisUrl
    const created = await postgres.create()
    cleanups.push(created.drop)
    const [row] = await selectRows<{ name: string }>(created.database.orm, sql`select current_database() as name`)
    const url = new URL(process.env.TEST_DATABASE_URL ?? '')
    url.pathname = `/${row?.name ?? ''}`
    const prefix = uniquePrefix('scale')
    cleanups.push(() => deleteKeys(redisUrl, prefix))
    slack = await startSlackApiServer()
    cleanups.push(() => slack.close())
    shared = {
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      RATE_LIMIT_USER_QUESTIONS: '2',
      RATE_LIMIT_USER_WINDOW_SECONDS: '600',
      RATE_LIMIT_WORKSPACE_QUESTIONS: '6',
      RATE_LIMIT_WORKSPACE_WINDOW_SECONDS: '600',
      // The 2.6 MB book is about losing nothing, not about speed.
      PARSE_TIMEOUT_MS: '120000',
    }
    const started = [0, 1].map(() => startWeb(shared))
    for (const web of started) cleanups.push(() => web.then((w) => w.process.stop('SIGKILL')))
    webs = (await Promise.all(started)) as [Web, Web]
    worker = await startWorker(shared)
  }, 120_000)

  afterAll(async () => {
    await worker?.stop('SIGKILL')
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('indexes an upload through one web in the worker, and answers it through the other', { timeout: 240_000 }, async () => {
    const [a, b] = webs
    const [receipt] = await upload(a, 'text/markdown/18f-handbook-leave.md', WORKSPACE)
    expect(receipt?.status).toBe('pending')
    const id = receipt?.documentId ?? ''
    const [done] = await waitUntilFinished(b, [id])
    expect(done?.status).toBe('indexed')
    // The worker did the work; the web processes only accepted and enqueued.
    expect(worker.logs.some((l) => l.msg === 'document indexed' && l.documentId === id)).toBe(true)
    expect(webs.some((w) => w.process.logs.some((l) => l.msg === 'document indexed'))).toBe(false)

    const answer = await api(b, '/api/ask', { method: 'POST', body: JSON.stringify({ question: carryOver, workspace: WORKSPACE }), headers: { 'content-type': 'application/json' } })
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { grounded: boolean; answer: string; citations: Array<{ documentId: string }> }
    expect(body.grounded).toBe(true)
    expect(body.answer).toContain('240')
    expect(body.citations[0]?.documentId).toBe(id)
  })

  it('answers a Slack event delivered to both web processes once', { timeout: 240_000 }, async () => {
    const [a, b] = webs
    const event = mentionEvent(CHANNEL, carryOver)
    const envelope = JSON.stringify(eventEnvelope(event))
    const eventId = String(JSON.parse(envelope).event_id)
    const responses = await Promise.all([a, b].map((web) => fetch(`${web.url}/slack/events`, signed(envelope))))
    expect(responses.map((r) => r.status)).toEqual([200, 200])

    const ts = String(event.ts)
    await until(() => slack.fake.posts(CHANNEL, ts).length > 0, 'the answer in the thread')
    // The other process saw the claim taken and did nothing.
    await until(() => webs.some((w) => w.process.logs.some((l) => l.msg === 'Slack event already claimed' && l.eventId === eventId)), 'the losing process to step back')
    const posts = slack.fake.posts(CHANNEL, ts)
    expect(posts).toHaveLength(1)
    expect(JSON.stringify(posts[0]?.args)).toContain('240')
    expect(slack.fake.reactions(CHANNEL, ts).filter((r) => r === '+eyes')).toHaveLength(1)
  })

  it('holds rate limits across both web processes: 429 with Retry-After from either, and a plain reply in Slack', { timeout: 240_000 }, async () => {
    const [a, b] = webs
    const ask = (web: Web) =>
      api(web, '/api/ask', { method: 'POST', body: JSON.stringify({ question: 'What is the parking policy?', workspace: 'limits' }), headers: { 'content-type': 'application/json' } })
    const statuses: number[] = []
    for (const web of [a, b, a, b, a, b]) statuses.push((await ask(web)).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200])
    for (const web of [a, b]) {
      const refused = await ask(web)
      expect(refused.status).toBe(429)
      const retryAfter = Number(refused.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThan(0)
      expect(retryAfter).toBeLessThanOrEqual(600)
    }

    // One person, two questions allowed: the third, through the other process, gets words and a wait.
    const replies: string[] = []
    for (const web of [a, b, a]) {
      const event = mentionEvent(CHANNEL, 'What is the parking policy?', { user: 'U0BUSY001' })
      await fetch(`${web.url}/slack/events`, signed(JSON.stringify(eventEnvelope(event))))
      await until(() => slack.fake.posts(CHANNEL, String(event.ts)).length > 0, 'a reply in the thread')
      replies.push(String(slack.fake.posts(CHANNEL, String(event.ts))[0]?.args.text))
    }
    expect(replies[0]).not.toMatch(/asked a lot/)
    expect(replies[1]).not.toMatch(/asked a lot/)
    expect(replies[2]).toMatch(/^You've asked a lot in a short time — try again in \d+ s\.$/)

    const stats = (await (await api(b, '/api/stats')).json()) as { limits: { questions: { store: string; refused: number } } }
    expect(stats.limits.questions).toMatchObject({ store: 'redis', refused: 3 })
  })

  it('loses nothing when the worker is killed mid-ingest: the next worker finishes every document', { timeout: 300_000 }, async () => {
    const [a, b] = webs
    const files = ['pdf/freeculture-lessig-2.6MB.pdf', 'pdf/sample-contract.pdf', 'text/markdown/18f-handbook-security.md', 'docx/headings-hierarchy.docx']
    const receipts = []
    for (const file of files) receipts.push(...(await upload(b, file, 'restart')))
    const ids = receipts.map((r) => r.documentId)
    // The book is first in the queue and takes the single worker a while: kill it then.
    await until(async () => (await documentOf(a, ids[0] ?? '')).status === 'processing', 'the worker to start on the book')
    expect(await worker.stop('SIGKILL')).toBeNull()

    worker = await startWorker(shared)
    const finished = await waitUntilFinished(a, ids)
    expect(finished.map((d) => [d.source, d.status, d.error?.code ?? null])).toEqual(files.map((f) => [f.split('/').pop(), 'indexed', null]))
    const answer = await api(a, '/api/ask', {
      method: 'POST',
      body: JSON.stringify({ question: 'How long must the consultant keep records available for audit after final payment?', workspace: 'restart' }),
      headers: { 'content-type': 'application/json' },
    })
    expect(((await answer.json()) as { citations: Array<{ source: string }> }).citations[0]?.source).toBe('sample-contract.pdf')
  })
})

async function startWeb(env: Record<string, string>): Promise<Web> {
  const child = spawnService({ ...env, ROLE: 'web', PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-web-')) })
  await child.waitForLog('DocuQuery is ready on', 90_000)
  const line = child.logs.find((l) => String(l.msg).startsWith('DocuQuery is ready on'))
  return { process: child, url: String(line?.url) }
}

async function startWorker(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawnService({ ...env, ROLE: 'worker', INGEST_CONCURRENCY: '1', DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-worker-')) })
  await child.waitForLog('DocuQuery worker is running', 90_000)
  return child
}

function api(web: Web, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${web.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers as Record<string, string> | undefined) } })
}

async function upload(web: Web, file: string, workspace: string): Promise<Array<{ documentId: string; status: string }>> {
  const form = new FormData()
  form.append('file', new File([readCorpus(file)], file.split('/').pop() ?? file))
  form.append('workspace', workspace)
  const res = await api(web, '/api/documents', { method: 'POST', body: form })
  expect(res.status).toBeLessThan(300)
  return (await res.json()) as Array<{ documentId: string; status: string }>
}

async function documentOf(web: Web, id: string): Promise<DocumentView> {
  const res = await api(web, `/api/documents/${id}`)
  const body = (await res.json()) as { document?: DocumentView } & DocumentView
  return body.document ?? body
}

async function waitUntilFinished(web: Web, ids: string[]): Promise<DocumentView[]> {
  let docs: DocumentView[] = []
  await until(async () => {
    docs = await Promise.all(ids.map((id) => documentOf(web, id)))
    return docs.every((d) => d.status === 'indexed' || d.status === 'failed')
  }, `documents ${ids.join(', ')} to be indexed`)
  return docs
}

/** Polls until `check` holds; the deadline is only a guard against a hang (the test's own timeout is longer). */
async function until(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 180_000): Promise<void> {
  const end = Date.now() + deadlineMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
