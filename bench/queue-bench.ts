import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deleteKeys } from '../tests/helpers/redis-server.ts'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { type Runtime, buildRuntime } from '../src/runtime.ts'
import { openBenchPostgres } from './bench-databases.ts'
import type { PdfFile } from './ingest-bench.ts'
import { round2 } from './latency-summary.ts'
import { corpusRoot, repoRoot } from './paths.ts'
import type { Figure, Report } from './report.ts'

const WORKSPACE = 'bench-queue'

/**
 * Ingest throughput through BullMQ with 1, then 2, worker processes
 * (`npm run worker`, ROLE=worker, INGEST_CONCURRENCY per worker) on one
 * PostgreSQL and one Redis. This process is the web role: it submits every
 * PDF and polls the database. Worker start-up and each worker's first
 * documents (a warm-up round in another workspace) are not timed.
 */
export async function runQueueBench(postgresUrl: string, redisUrl: string, pdfs: readonly PdfFile[], workers: number, perWorker: number, report: Report): Promise<Figure> {
  const db = await openBenchPostgres(postgresUrl)
  const prefix = `dq-bench-${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-queue-'))
  const env = { DATABASE_URL: db.url ?? '', REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DATA_DIR: dataDir }
  const children: ChildProcess[] = []
  try {
    for (let i = 0; i < workers; i++) children.push(await startWorker({ ...env, INGEST_CONCURRENCY: String(perWorker) }))
    const config = loadConfig({ ...env, ROLE: 'web', LOG_LEVEL: 'silent' })
    const runtime = await buildRuntime(config, silentLogger, { database: db.database })
    try {
      // Warm-up, untimed: each worker's first document starts its parser thread (pdf.js load).
      for (const pdf of pdfs.slice(0, 2 * workers)) {
        await runtime.core.ingest({ workspace: `${WORKSPACE}-warmup`, visibleIn: null, bytes: pdf.bytes, filename: path.join(corpusRoot, pdf.relative), source: 'cli', sourceRef: pdf.relative })
      }
      await untilNothingPending(runtime)
      const start = performance.now()
      for (const pdf of pdfs) {
        await runtime.core.ingest({ workspace: WORKSPACE, visibleIn: null, bytes: pdf.bytes, filename: path.join(corpusRoot, pdf.relative), source: 'cli', sourceRef: pdf.relative })
      }
      await untilNothingPending(runtime)
      const seconds = (performance.now() - start) / 1000
      const docs = await runtime.core.listDocuments({ workspace: WORKSPACE })
      const indexed = docs.filter((d) => d.status === 'indexed')
      const pages = indexed.reduce((sum, d) => sum + (d.pages ?? 0), 0)
      const chunks = indexed.reduce((sum, d) => sum + d.chunks, 0)
      report.line(
        `  ${workers} worker process(es) × ${perWorker}: ${indexed.length}/${docs.length} PDFs indexed, ${pages} pages, ${chunks} chunks in ${round2(seconds)} s` +
          ` → ${round2(pages / seconds)} pages/s, ${round2(chunks / seconds)} chunks/s`,
      )
      return {
        figure: 'ingest_bullmq',
        db: 'postgres',
        workers,
        concurrency_per_worker: perWorker,
        pages_per_s: round2(pages / seconds),
        chunks_per_s: round2(chunks / seconds),
        docs: indexed.length,
        failed_docs: docs.length - indexed.length,
        pages,
        chunks,
        seconds: round2(seconds),
      }
    } finally {
      await runtime.close()
    }
  } finally {
    await Promise.all(children.map(stopWorker))
    await db.dispose()
    await deleteKeys(redisUrl, prefix)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function untilNothingPending(runtime: Runtime): Promise<void> {
  for (;;) {
    const stats = await runtime.core.stats()
    if (stats.documents.pending + stats.documents.processing === 0) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env, ROLE: 'worker', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (data: Buffer) => {
      output += data.toString()
      if (output.includes('DocuQuery worker is running')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${output.slice(-2000)}`)))
  })
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
