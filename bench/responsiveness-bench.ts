import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { type ServerType, serve } from '@hono/node-server'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { createMetrics } from '../src/platform/metrics.ts'
import { type Runtime, buildRuntime } from '../src/runtime.ts'
import { type BenchDatabase, type DatabaseKind, openBenchPglite, openBenchPostgres } from './bench-databases.ts'
import type { BenchOptions } from './bench-options.ts'
import { round2, summarizeLatencies } from './latency-summary.ts'
import { corpusRoot } from './paths.ts'
import type { Report } from './report.ts'

const ASKERS = 20
const UPLOAD_CONCURRENCY = 4
const PROBE_EVERY_MS = 100
const PROBE_TIMEOUT_MS = 30_000
const WORKSPACE = 'bench-responsiveness'
const TOKEN = 'bench-admin-token-0123456789'
const SEED = 'text/markdown/18f-handbook-leave.md'
const MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}
const QUESTIONS = [
  'How much annual leave do employees earn?',
  'What does the DMCA say about circumvention of copy protection?',
  'Who must file Form 1040-NR?',
  'What is free culture according to Lessig?',
  'How does TraceMonkey record traces of hot loops?',
  'What are the payment terms of the contract?',
  'Why should programs be designed to do one thing well?',
  'What did the court decide in the tax cases?',
]

interface LoadFile {
  name: string
  type: string
  bytes: Uint8Array
}

interface LoadResult {
  probes: number[]
  probeFailures: number
  asks: { ok: number; failed: number; latencies: number[]; errors: string[] }
  uploads: { accepted: number; failed: number; errors: string[] }
}

/**
 * `--only responsiveness`: does the service stay responsive while it indexes?
 * The corpus PDFs and DOCX files are uploaded 4 at a time through the admin API
 * while 20 askers call /api/ask back to back and a prober hits /health/live
 * every 100 ms, all from a worker thread; the server's own event-loop delay is
 * recorded meanwhile. Targets on PGlite: /health/live p99 ≤ 250 ms, no probe
 * over 1 s, no failed ask.
 */
export async function responsivenessFigures(options: BenchOptions, kinds: readonly DatabaseKind[], report: Report): Promise<void> {
  const files = readLoadFiles(options.maxPdfBytes)
  const mb = files.reduce((sum, f) => sum + f.bytes.byteLength, 0) / 1024 / 1024
  report.line(
    `\n9. Responsiveness while indexing: ${files.length} corpus PDF and DOCX files (${round2(mb)} MB${options.quick ? ', quick: files ≤ 300 KB only' : ''}) uploaded ${UPLOAD_CONCURRENCY} at a time through POST /api/documents,` +
      ` ${ASKERS} concurrent askers on POST /api/ask and GET /health/live every ${PROBE_EVERY_MS} ms until every document is processed (target on PGlite: health p99 ≤ 250 ms, none over 1 s, 0 failed asks)`,
  )
  for (const kind of kinds) {
    const db = kind === 'pglite' ? await openBenchPglite() : await openBenchPostgres(options.postgresUrl ?? '')
    try {
      await runOne(db, files, report)
    } finally {
      await db.dispose()
    }
    report.memory(`responsiveness ${kind}`)
  }
}

async function runOne(db: BenchDatabase, files: readonly LoadFile[], report: Report): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-resp-'))
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' })
  const runtime = await buildRuntime(config, silentLogger, { database: db.database })
  const app = createAdminApp({
    core: runtime.core,
    logger: silentLogger,
    metrics: createMetrics({ documentCounts: async () => ({}) }),
    adminToken: TOKEN,
    maxFileBytes: config.MAX_FILE_BYTES,
    isReady: async () => true,
  })
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  try {
    // Something to retrieve from the first question on, and parser workers already started.
    await runtime.core.ingest({ workspace: WORKSPACE, visibleIn: null, bytes: readFileSync(path.join(corpusRoot, SEED)), filename: 'leave.md', source: 'api', sourceRef: SEED })
    await waitUntilProcessed(runtime)
    const before = new Set((await runtime.core.listDocuments({ workspace: WORKSPACE })).map((d) => d.id))

    const loop = monitorEventLoopDelay({ resolution: 10 })
    const started = performance.now()
    loop.enable()
    const result = await runLoad(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, files, () => waitUntilProcessed(runtime))
    loop.disable()
    const seconds = (performance.now() - started) / 1000

    const docs = (await runtime.core.listDocuments({ workspace: WORKSPACE, limit: 10_000 })).filter((d) => !before.has(d.id))
    const indexed = docs.filter((d) => d.status === 'indexed').length
    const health = summarizeLatencies(result.probes)
    const p99 = percentile(result.probes, 99)
    const overOneSecond = result.probes.filter((ms) => ms > 1000).length
    const ask = summarizeLatencies(result.asks.latencies)
    const askP99 = percentile(result.asks.latencies, 99)
    const loopMaxMs = round2(loop.max / 1e6)
    const loopP99Ms = round2(loop.percentile(99) / 1e6)
    report.line(
      `  ${db.kind}: ${round2(seconds)} s until all ${docs.length} documents were processed (${indexed} indexed, ${result.uploads.failed} uploads refused);` +
        ` /health/live p50 ${health.p50} ms, p99 ${p99} ms, max ${health.max} ms, ${overOneSecond} of ${health.n} over 1 s (${result.probeFailures} failed);` +
        ` /api/ask ${result.asks.ok + result.asks.failed} asked, ${result.asks.failed} failed, p50 ${ask.p50} ms, p99 ${askP99} ms; event loop delay max ${loopMaxMs} ms, p99 ${loopP99Ms} ms`,
    )
    for (const error of [...result.asks.errors, ...result.uploads.errors]) report.line(`    ${error}`)
    report.figure({ figure: 'responsiveness_health_live', db: db.kind, probes: health.n, p50_ms: health.p50, p99_ms: p99, max_ms: health.max, over_1s: overOneSecond, failed: result.probeFailures })
    report.figure({ figure: 'responsiveness_asks', db: db.kind, askers: ASKERS, asks: result.asks.ok + result.asks.failed, failed: result.asks.failed, p50_ms: ask.p50, p99_ms: askP99, max_ms: ask.max })
    report.figure({ figure: 'responsiveness_event_loop', db: db.kind, max_ms: loopMaxMs, p99_ms: loopP99Ms, mean_ms: round2(loop.mean / 1e6) })
    report.figure({ figure: 'responsiveness_ingest', db: db.kind, files: files.length, uploads_refused: result.uploads.failed, documents: docs.length, indexed, seconds: round2(seconds) })
  } finally {
    await new Promise((resolve) => server.close(resolve))
    await runtime.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Runs the load thread until every upload is in and `processed` resolves, then collects its samples. */
async function runLoad(baseUrl: string, files: readonly LoadFile[], processed: () => Promise<void>): Promise<LoadResult> {
  const worker = new Worker(new URL('./responsiveness-load.mjs', import.meta.url), {
    workerData: {
      baseUrl,
      token: TOKEN,
      workspace: WORKSPACE,
      files,
      questions: QUESTIONS,
      askers: ASKERS,
      uploadConcurrency: UPLOAD_CONCURRENCY,
      probeEveryMs: PROBE_EVERY_MS,
      probeTimeoutMs: PROBE_TIMEOUT_MS,
    },
  })
  try {
    return await new Promise<LoadResult>((resolve, reject) => {
      worker.on('error', reject)
      worker.on('message', (message: { type: string } & Partial<LoadResult>) => {
        if (message.type === 'uploaded') {
          processed().then(
            () => worker.postMessage('stop'),
            (error: unknown) => reject(error),
          )
        }
        if (message.type === 'result') resolve(message as LoadResult)
      })
    })
  } finally {
    await worker.terminate()
  }
}

function readLoadFiles(maxPdfBytes: number): LoadFile[] {
  return ['pdf', 'docx'].flatMap((folder) => {
    const dir = path.join(corpusRoot, folder)
    return readdirSync(dir)
      .filter((name) => MIME[path.extname(name).toLowerCase()] !== undefined && statSync(path.join(dir, name)).size <= maxPdfBytes)
      .sort()
      .map((name) => ({ name, type: MIME[path.extname(name).toLowerCase()] ?? '', bytes: new Uint8Array(readFileSync(path.join(dir, name))) }))
  })
}

async function waitUntilProcessed(runtime: Runtime): Promise<void> {
  for (;;) {
    await runtime.core.idle()
    const stats = await runtime.core.stats()
    if (stats.documents.pending + stats.documents.processing === 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Nearest rank, like summarizeLatencies, for the percentiles it does not give. */
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return round2(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0)
}
