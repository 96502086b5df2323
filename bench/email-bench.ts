import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { createEmailAdapter } from '../adapters/email/create-email-adapter.ts'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { type Runtime, buildRuntime } from '../src/runtime.ts'
import { type BenchDatabase, type DatabaseKind, openBenchPglite, openBenchPostgres } from './bench-databases.ts'
import type { BenchOptions } from './bench-options.ts'
import { round2, summarizeLatencies } from './latency-summary.ts'
import type { Report } from './report.ts'
import { loadScifactCorpus } from './scifact.ts'

const CLIENTS = 4
const MESSAGE_BYTES = 100 * 1024

interface BenchMessage {
  source: string
  raw: Buffer
}

/**
 * `--only email`: messages per second accepted over SMTP from 4 concurrent
 * nodemailer clients (one connection each) sending 100 KB messages, and the
 * time from each `250` to the document being indexed: once under that burst
 * (queueing included) and once with one message at a time (the idle latency).
 */
export async function emailFigures(options: BenchOptions, kinds: readonly DatabaseKind[], report: Report): Promise<void> {
  const burst = options.quick ? 40 : 120
  const idle = options.quick ? 8 : 20
  report.line(
    `\n5. E-mail over SMTP: ${burst} messages of ${MESSAGE_BYTES / 1024} KB (SciFact abstracts as plain text) from ${CLIENTS} concurrent nodemailer clients` +
      ` to the real listener (smtp-server → core.ingest, 250 only once stored), INGEST_CONCURRENCY=2; then ${idle} messages one at a time for the idle 250→indexed latency`,
  )
  const texts = loadScifactCorpus().map((doc) => `${doc.title}\n\n${doc.text}`)
  for (const kind of kinds) {
    const db = kind === 'pglite' ? await openBenchPglite() : await openBenchPostgres(requireUrl(options))
    try {
      await runEmailBench(db, texts, { burst, idle }, report)
    } finally {
      await db.dispose()
    }
    report.memory(`email ${kind}`)
  }
}

async function runEmailBench(db: BenchDatabase, texts: readonly string[], counts: { burst: number; idle: number }, report: Report): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-email-'))
  const config = loadConfig({ DATA_DIR: dataDir, INGEST_CONCURRENCY: '2', LOG_LEVEL: 'silent', SMTP_PORT: '0', SMTP_HOST: '127.0.0.1' })
  const runtime = await buildRuntime(config, silentLogger, { database: db.database })
  const email = createEmailAdapter({ settings: config, core: runtime.core, logger: silentLogger })
  const clients: ReturnType<typeof nodemailer.createTransport>[] = []
  try {
    const port = await email.start()
    if (port === null) throw new Error('SMTP listener did not start')
    for (let i = 0; i < CLIENTS; i++) {
      clients.push(nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, pool: true, maxConnections: 1, maxMessages: Number.POSITIVE_INFINITY }))
    }
    // Warm-up: parser workers started, tables touched, connections open.
    await Promise.all(clients.map((client, i) => send(client, buildMessage(texts, 10_000 + i))))
    await waitUntilProcessed(runtime)

    const messages = Array.from({ length: counts.burst }, (_, i) => buildMessage(texts, i))
    const sent = new Set<string>()
    const start = performance.now()
    await Promise.all(
      clients.map(async (client, c) => {
        for (let i = c; i < messages.length; i += CLIENTS) {
          const message = messages[i]
          if (!message) continue
          await send(client, message)
          sent.add(message.source)
        }
      }),
    )
    const acceptSeconds = (performance.now() - start) / 1000
    await waitUntilProcessed(runtime)
    const allIndexedSeconds = (performance.now() - start) / 1000
    const burstLatency = await latencies(runtime, sent)
    const mb = (messages.length * MESSAGE_BYTES) / (1024 * 1024)
    report.line(
      `  ${db.kind}: ${messages.length} messages accepted in ${round2(acceptSeconds)} s → ${round2(messages.length / acceptSeconds)} msgs/s (${round2(mb / acceptSeconds)} MB/s);` +
        ` all indexed after ${round2(allIndexedSeconds)} s (${round2(messages.length / allIndexedSeconds)} msgs/s indexed);` +
        ` 250→indexed under the burst p50 ${burstLatency.p50} ms, p95 ${burstLatency.p95} ms (${burstLatency.failed} not indexed)`,
    )
    report.figure({
      figure: 'email_smtp_accept',
      db: db.kind,
      clients: CLIENTS,
      message_kb: MESSAGE_BYTES / 1024,
      messages: messages.length,
      msgs_per_s: round2(messages.length / acceptSeconds),
      mb_per_s: round2(mb / acceptSeconds),
      seconds: round2(acceptSeconds),
      seconds_to_all_indexed: round2(allIndexedSeconds),
    })
    report.figure({ figure: 'email_250_to_indexed', db: db.kind, load: 'burst', ...latencyFields(burstLatency) })

    const idleSent = new Set<string>()
    const first = clients[0]
    if (!first) throw new Error('no client')
    for (let i = 0; i < counts.idle; i++) {
      const message = buildMessage(texts, 20_000 + i)
      await send(first, message)
      idleSent.add(message.source)
      await waitUntilProcessed(runtime, 5)
    }
    const idleLatency = await latencies(runtime, idleSent)
    report.line(`  ${db.kind}: 250→indexed, one message at a time: p50 ${idleLatency.p50} ms, p95 ${idleLatency.p95} ms, max ${idleLatency.max} ms (n=${idleLatency.n})`)
    report.figure({ figure: 'email_250_to_indexed', db: db.kind, load: 'idle', ...latencyFields(idleLatency) })
  } finally {
    for (const client of clients) client.close()
    await email.close()
    await runtime.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function send(client: ReturnType<typeof nodemailer.createTransport>, message: BenchMessage): Promise<void> {
  const info = (await client.sendMail({ envelope: { from: 'bench@example.com', to: ['docs@example.com'] }, raw: message.raw })) as { response?: string }
  if (!info.response?.startsWith('250')) throw new Error(`not accepted: ${info.response}`)
}

/** A plain-text message of exactly MESSAGE_BYTES, different for each `seed` (so none is a duplicate). */
function buildMessage(texts: readonly string[], seed: number): BenchMessage {
  const id = `bench-${seed}-${randomBytes(4).toString('hex')}@example.com`
  const header = [
    'From: Bench <bench@example.com>',
    'To: docs@example.com',
    `Subject: Bench message ${seed}`,
    `Message-ID: <${id}>`,
    'Date: Wed, 12 Mar 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n')
  const lines: string[] = []
  let size = Buffer.byteLength(header)
  for (let k = 0; size < MESSAGE_BYTES; k++) {
    const text = texts[(seed * 37 + k) % texts.length] ?? ''
    for (const line of wrap(`${text}\n`)) {
      lines.push(line)
      size += Buffer.byteLength(line) + 2
    }
  }
  const raw = Buffer.from(`${header}${lines.join('\r\n')}\r\n`).subarray(0, MESSAGE_BYTES)
  return { source: `email:${id}`, raw: Buffer.concat([raw, Buffer.from('\r\n')]) }
}

function wrap(text: string): string[] {
  return text.split('\n').flatMap((paragraph) => paragraph.match(/.{1,76}(\s|$)|\S+/g)?.map((l) => l.trimEnd()) ?? [''])
}

async function waitUntilProcessed(runtime: Runtime, pollMs = 50): Promise<void> {
  for (;;) {
    await runtime.core.idle()
    const stats = await runtime.core.stats()
    if (stats.documents.pending + stats.documents.processing === 0) return
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}

/**
 * From the 250 to indexed_at. The 250 is taken on the server's side: the
 * document row's created_at, written by the transaction the reply waits for.
 * The client's own clock would add the time its callback waits for the event
 * loop, which on PGlite is shared with the database (and with this bench).
 */
async function latencies(runtime: Runtime, sent: ReadonlySet<string>) {
  const docs = await runtime.core.listDocuments({ workspace: 'local', limit: 100_000 })
  const samples: number[] = []
  let failed = 0
  for (const doc of docs) {
    if (!sent.has(doc.source)) continue
    if (doc.status !== 'indexed' || !doc.indexedAt) failed++
    else samples.push(Math.max(0, Date.parse(doc.indexedAt) - Date.parse(doc.createdAt)))
  }
  return { ...summarizeLatencies(samples), failed }
}

function latencyFields(summary: ReturnType<typeof summarizeLatencies> & { failed: number }) {
  return { p50_ms: summary.p50, p95_ms: summary.p95, mean_ms: summary.mean, max_ms: summary.max, n: summary.n, not_indexed: summary.failed }
}

function requireUrl(options: BenchOptions): string {
  if (!options.postgresUrl) throw new Error('PostgreSQL requested without a URL')
  return options.postgresUrl
}
