import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import { http, passthrough } from 'msw'
import { setupServer } from 'msw/node'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import { type SlackAdapter, createSlackAdapter } from '../adapters/slack/create-slack-adapter.ts'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createMetrics } from '../src/platform/metrics.ts'
import { type Runtime, buildRuntime } from '../src/runtime.ts'
import { anthropicFake } from '../tests/fakes/anthropic-fake.ts'
import { readCorpus } from '../tests/helpers/corpus.ts'
import { waitForIndexing } from '../tests/helpers/test-runtime.ts'
import { feedbackClick, interactionForm } from '../tests/helpers/slack-interactions.ts'
import { BOT_TOKEN, SIGNING_SECRET, TEAM, type WebApiCall, createSlackFake, eventEnvelope, mentionEvent, signed } from '../tests/helpers/slack-kit.ts'
import { type BenchDatabase, type DatabaseKind, openBenchPglite, openBenchPostgres } from './bench-databases.ts'
import type { BenchOptions } from './bench-options.ts'
import { round2, summarizeLatencies } from './latency-summary.ts'
import type { Report } from './report.ts'

const CLICKS = 60
const CHANNEL = 'C0BENCHFB1'
const WORKSPACE = `slack:${TEAM}`
const DOC = 'pdf/sample-contract.pdf'
// ~190 words streamed three words a frame, 40 ms apart: about 2.5 s of writing, as a fast model does.
const STREAMED = Array.from({ length: 8 }, (_, i) => `Point ${i + 1}: the consultant may terminate the agreement by giving at least one hundred and twenty days advance written notice [1].`).join(' ')

/**
 * Slack interactivity figures through the real server (signed requests to the
 * Bolt receiver, the real core and database; the Web API and the answer model
 * intercepted by msw): 👍/👎 click → mark stored latency, and how often a
 * streamed answer is written, natively (chat.startStream/appendStream) and
 * with the chat.update fallback.
 */
export async function slackFeedbackFigures(options: BenchOptions, kinds: readonly DatabaseKind[], report: Report): Promise<void> {
  const fake = createSlackFake()
  const anthropic = anthropicFake()
  const mock = setupServer(...fake.handlers, ...anthropic.handlers, http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()))
  mock.listen({ onUnhandledRequest: 'error' })
  try {
    for (const kind of kinds) {
      const db = kind === 'pglite' ? await openBenchPglite() : await openBenchPostgres(options.postgresUrl ?? '')
      try {
        await benchOne(db, fake, anthropic, report)
      } finally {
        await db.dispose()
      }
    }
  } finally {
    mock.close()
  }
}

async function benchOne(db: BenchDatabase, fake: ReturnType<typeof createSlackFake>, anthropic: ReturnType<typeof anthropicFake>, report: Report): Promise<void> {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-bench-slackfb-')),
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    LLM_PROVIDERS: 'anthropic',
    LLM_REWRITE_QUESTIONS: 'false',
    LLM_RERANK_PASSAGES: 'false',
    CACHE_TTL_SECONDS: '0',
    // One bench user asks 60 questions in a few seconds; the per-person limit is not what is measured.
    RATE_LIMIT_USER_QUESTIONS: '0',
  })
  const runtime = await buildRuntime(config, silentLogger, { database: db.database })
  try {
    await runtime.core.ingest({ workspace: WORKSPACE, visibleIn: null, bytes: readCorpus(DOC), filename: 'sample-contract.pdf', source: 'slack', sourceRef: 'F0BENCHDOC' })
    await waitForIndexing(runtime)

    // Feedback: clicks on answers recorded in the query log, one after another.
    const served = await serveAdapter(runtime)
    try {
      const queryIds: string[] = []
      for (let i = 0; i < CLICKS; i++) {
        anthropic.script.next({ kind: 'answer', text: 'At least one hundred and twenty days advance written notice [1].', deltaDelayMs: 0 })
        const answer = await runtime.core.ask({ question: `How much notice must the consultant give to terminate? (${i})`, workspace: WORKSPACE, channel: CHANNEL, asker: 'U0BENCH01' })
        if (answer.queryId) queryIds.push(answer.queryId)
      }
      // Questions the relevance gate declined never asked the model: their scripted answers must not linger.
      anthropic.script.reset()
      const clickMs: number[] = []
      for (const [i, queryId] of queryIds.entries()) {
        const value = `${i % 2 === 0 ? 'up' : 'down'}:${queryId}`
        const body = interactionForm(feedbackClick({ value, channel: CHANNEL, messageTs: `1800000000.${String(i).padStart(6, '0')}`, user: 'U0CLICKER' }))
        const started = performance.now()
        await fetch(served.url, signed(body, { contentType: 'application/x-www-form-urlencoded' }))
        await served.adapter.idle() // the click's handler has stored the mark (and opened the modal for 👎)
        clickMs.push(performance.now() - started)
      }
      const counts = await runtime.core.feedbackCounts(WORKSPACE)
      if (counts.helpful + counts.notHelpful !== queryIds.length) throw new Error(`expected ${queryIds.length} marks, found ${JSON.stringify(counts)}`)
      const s = summarizeLatencies(clickMs)
      report.line(`  slack feedback (${db.kind}): ${clickMs.length} signed block_actions clicks (half 👎, which also open the modal) → stored: p50 ${s.p50} ms, p95 ${s.p95} ms`)
      report.figure({ figure: 'slack_feedback_click_to_stored', database: db.kind, clicks: clickMs.length, p50_ms: s.p50, p95_ms: s.p95, max_ms: s.max })
    } finally {
      await served.close()
    }

    // Streaming: the same streamed answer written natively, then where the workspace lacks the methods.
    for (const mode of ['native', 'chat.update'] as const) {
      if (mode === 'chat.update') for (const m of ['chat.startStream', 'chat.appendStream', 'chat.stopStream']) fake.unsupported.add(m)
      const adapterServed = await serveAdapter(runtime)
      try {
        fake.calls.length = 0
        anthropic.script.next({ kind: 'answer', text: STREAMED, deltaDelayMs: 40 })
        const event = mentionEvent(CHANNEL, 'How many days of advance written notice must the consultant give to terminate the agreement?')
        await fetch(adapterServed.url, signed(JSON.stringify(eventEnvelope(event))))
        await adapterServed.adapter.idle()
        const writes = fake.calls.filter((c) => isAnswerWrite(c, mode))
        const slackCalls = fake.calls.filter((c) => c.method.startsWith('chat.')).length
        const spanMs = (writes.at(-1)?.at ?? 0) - (writes[0]?.at ?? 0)
        const rate = spanMs > 0 ? round2(((writes.length - 1) / spanMs) * 1000) : 0
        report.line(`  slack streaming (${db.kind}, ${mode}): ${writes.length} writes over ${round2(spanMs)} ms = ${rate} updates/s; ${slackCalls} chat.* calls for the answer`)
        report.figure({ figure: 'slack_stream_update_rate', database: db.kind, mode, writes: writes.length, span_ms: round2(spanMs), updates_per_s: rate, chat_calls_per_answer: slackCalls })
      } finally {
        await adapterServed.close()
      }
    }
    fake.unsupported.clear()
  } finally {
    await runtime.close()
  }
}

/** Calls that change what the reader sees of the answer. */
function isAnswerWrite(call: WebApiCall, mode: 'native' | 'chat.update'): boolean {
  if (mode === 'native') return call.method === 'chat.startStream' || call.method === 'chat.appendStream' || call.method === 'chat.stopStream'
  return (call.method === 'chat.postMessage' && call.args.channel === CHANNEL && call.args.thread_ts !== undefined) || call.method === 'chat.update'
}

async function serveAdapter(runtime: Runtime): Promise<{ adapter: SlackAdapter; url: string; close(): Promise<void> }> {
  const adapter = createSlackAdapter({
    core: runtime.core,
    orm: runtime.database.orm,
    logger: silentLogger,
    settings: { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, answerBots: false },
    maxFileBytes: runtime.config.MAX_FILE_BYTES,
  })
  if (!adapter.mount) throw new Error('the HTTP adapter has a mount')
  const app = createAdminApp({
    core: runtime.core,
    logger: silentLogger,
    metrics: createMetrics({ documentCounts: async () => ({}) }),
    adminToken: 'bench-admin-token-0123456789',
    maxFileBytes: runtime.config.MAX_FILE_BYTES,
    isReady: async () => true,
    mounts: [adapter.mount],
  })
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  return {
    adapter,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    async close() {
      await adapter.stop()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
