import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { type ServerType, serve } from '@hono/node-server'
import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import { createSlackAdapter } from '../adapters/slack/create-slack-adapter.ts'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createMetrics } from '../src/platform/metrics.ts'
import { buildRuntime } from '../src/runtime.ts'
import { readCorpus } from '../tests/helpers/corpus.ts'
import {
  BOT_TOKEN,
  type FakeFile,
  SIGNING_SECRET,
  createSlackFake,
  eventEnvelope,
  fileShareEvent,
  mentionEvent,
  signed,
} from '../tests/helpers/slack-kit.ts'
import { type BenchDatabase, type DatabaseKind, openBenchPglite, openBenchPostgres } from './bench-databases.ts'
import type { BenchOptions } from './bench-options.ts'
import { round2 } from './latency-summary.ts'
import type { Report } from './report.ts'

const CONCURRENT_EVENTS = 50
const PDF = 'pdf/dmca-summary-rc4-noUserPassword.pdf' // 18 pages
const WARM_UP = 'text/markdown/18f-handbook-leave.md'

/**
 * Slack figures through the real server (admin Hono app + the Slack mount on a
 * real socket, Bolt listeners, the real core), the Web API intercepted by msw:
 * event → HTTP ack latency under 50 concurrent signed events, and the time
 * from a file share to the ✅ reaction for an 18-page PDF.
 */
export async function slackFigures(options: BenchOptions, kinds: readonly DatabaseKind[], report: Report): Promise<void> {
  const fake = createSlackFake()
  const mock = setupServer(...fake.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
  mock.listen({ onUnhandledRequest: 'error' })
  try {
    for (const kind of kinds) {
      const db = kind === 'pglite' ? await openBenchPglite() : await openBenchPostgres(options.postgresUrl ?? '')
      try {
        await benchOne(db, fake, report)
      } finally {
        await db.dispose()
      }
    }
  } finally {
    mock.close()
  }
}

async function benchOne(db: BenchDatabase, fake: ReturnType<typeof createSlackFake>, report: Report): Promise<void> {
  const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-bench-slack-')) })
  const runtime = await buildRuntime(config, silentLogger, { database: db.database })
  const adapter = createSlackAdapter({
    core: runtime.core,
    orm: runtime.database.orm,
    logger: silentLogger,
    settings: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, answerBots: false },
    maxFileBytes: config.MAX_FILE_BYTES,
    timing: { indexPollMs: 20 },
  })
  const mount = adapter.mount
  if (!mount) throw new Error('the HTTP adapter has a mount')
  const app = createAdminApp({
    core: runtime.core,
    logger: silentLogger,
    metrics: createMetrics({ documentCounts: async () => ({}) }),
    adminToken: 'bench-admin-token-0123456789',
    maxFileBytes: config.MAX_FILE_BYTES,
    isReady: async () => true,
    mounts: [mount],
  })
  // Time inside the server (request handed to Hono → response ready), beside the client's round trip.
  const inServer: number[] = []
  const timedFetch = async (request: Request, env: Parameters<typeof app.fetch>[1]): Promise<Response> => {
    const started = performance.now()
    const response = await app.fetch(request, env)
    if (new URL(request.url).pathname === '/slack/events') inServer.push(performance.now() - started)
    return response
  }
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: timedFetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`
  const share = async (file: FakeFile, bytes: Uint8Array) => {
    fake.serveFile(file, bytes, file.mimetype)
    const event = fileShareEvent('C0BENCH01', 'channel', [{ ...file, size: bytes.byteLength }]) as { ts: string }
    const started = performance.now()
    await fetch(url, signed(JSON.stringify(eventEnvelope(event))))
    await adapter.idle()
    const done = fake.calls.find((c) => c.method === 'reactions.add' && c.args.timestamp === event.ts && c.args.name === 'white_check_mark')
    if (!done) throw new Error(`${file.name} was not indexed`)
    return done.at - started
  }
  try {
    // Parser workers and the embedder warm up on a small file first.
    await share({ id: 'F0WARM', name: 'leave.md', mimetype: 'text/markdown', filetype: 'markdown', size: 0 }, readCorpus(WARM_UP))
    const pdfMs = await share({ id: 'F0PDF20', name: 'dmca-summary.pdf', mimetype: 'application/pdf', filetype: 'pdf', size: 0 }, readCorpus(PDF))

    fake.calls.length = 0
    inServer.length = 0
    const bodies = Array.from({ length: CONCURRENT_EVENTS }, (_, i) =>
      JSON.stringify(eventEnvelope(mentionEvent('C0BENCH01', `What does the DMCA say about anti-circumvention, question ${i}?`))),
    )
    // The load comes from a worker thread: its own event loop, as Slack's requests would come from outside.
    const acks = await sendConcurrently(url, bodies.map((body) => ({ body, init: signed(body) })))
    await adapter.idle()
    const answered = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0BENCH01' && c.args.thread_ts).length
    const percentile = (samples: number[]) => {
      const sorted = [...samples].sort((a, b) => a - b)
      return (p: number) => round2(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0)
    }
    const rank = percentile(acks)
    const server50 = percentile(inServer)
    report.line(
      `  slack (${db.kind}): ${CONCURRENT_EVENTS} concurrent signed app_mention events → HTTP ack p50 ${rank(50)} ms, p99 ${rank(99)} ms (max ${rank(100)} ms; inside the server p50 ${server50(50)} ms, p99 ${server50(99)} ms); ${answered} answered in threads; ` +
        `18-page PDF share → ✅ ${round2(pdfMs)} ms`,
    )
    report.figure({ figure: 'slack_event_ack', database: db.kind, events: CONCURRENT_EVENTS, p50_ms: rank(50), p99_ms: rank(99), max_ms: rank(100), server_p50_ms: server50(50), server_p99_ms: server50(99), answered })
    report.figure({ figure: 'slack_file_share_to_indexed', database: db.kind, file: PDF, pages: 18, ms: round2(pdfMs) })
  } finally {
    await adapter.stop()
    await new Promise((resolve) => server.close(resolve))
    await runtime.close()
  }
}

const clientSource = `
const { parentPort, workerData } = require('node:worker_threads')
Promise.all(workerData.requests.map(async ({ init }) => {
  const started = performance.now()
  const res = await fetch(workerData.url, init)
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error('ack status ' + res.status)
  return performance.now() - started
})).then((ms) => parentPort.postMessage(ms), (error) => parentPort.postMessage({ error: String(error) }))
`

/** Sends every request at once from a worker thread; resolves with each round trip in ms. */
async function sendConcurrently(url: string, requests: Array<{ body: string; init: RequestInit }>): Promise<number[]> {
  const worker = new Worker(clientSource, { eval: true, workerData: { url, requests: requests.map((r) => ({ init: r.init })) } })
  try {
    const result = await new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    if (!Array.isArray(result)) throw new Error(`load client failed: ${JSON.stringify(result)}`)
    return result as number[]
  } finally {
    await worker.terminate()
  }
}
