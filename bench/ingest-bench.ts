import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { type Runtime, buildRuntime } from '../src/runtime.ts'
import type { BenchDatabase } from './bench-databases.ts'
import { round2 } from './latency-summary.ts'
import { corpusRoot } from './paths.ts'
import type { Figure, Report } from './report.ts'

const WORKSPACE = 'bench-ingest'

export interface PdfFile {
  relative: string
  bytes: Uint8Array
}

/** Every PDF of the corpus (up to `maxBytes` each), read before the clock starts. */
export function readCorpusPdfs(maxBytes: number): PdfFile[] {
  const dir = path.join(corpusRoot, 'pdf')
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith('.pdf') && statSync(path.join(dir, name)).size <= maxBytes)
    .sort()
    .map((name) => ({ relative: `pdf/${name}`, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }))
}

/**
 * Ingest throughput through the real core (parser worker pool, chunker,
 * embedder, queue, store) with INGEST_CONCURRENCY=2: wall time from the first
 * submit until nothing is pending or processing. Documents that fail
 * (encrypted, scanned, malformed, garbled) are counted apart.
 */
export async function runIngestBench(db: BenchDatabase, pdfs: readonly PdfFile[], report: Report): Promise<Figure> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-data-'))
  const config = loadConfig({ DATA_DIR: dataDir, INGEST_CONCURRENCY: '2', LOG_LEVEL: 'silent' })
  const runtime = await buildRuntime(config, silentLogger, { database: db.database })
  try {
    const startedAt = Date.now()
    const start = performance.now()
    for (const pdf of pdfs) {
      await runtime.core.ingest({
        workspace: WORKSPACE,
        visibleIn: null,
        bytes: pdf.bytes,
        filename: path.join(corpusRoot, pdf.relative),
        source: 'cli',
        sourceRef: pdf.relative,
      })
    }
    await waitUntilProcessed(runtime)
    const seconds = (performance.now() - start) / 1000

    const docs = await runtime.core.listDocuments({ workspace: WORKSPACE })
    const indexed = docs.filter((d) => d.status === 'indexed')
    const failed = docs.filter((d) => d.status !== 'indexed')
    const pages = indexed.reduce((sum, d) => sum + (d.pages ?? 0), 0)
    const chunks = indexed.reduce((sum, d) => sum + d.chunks, 0)
    const lastIndexed = Math.max(startedAt, ...indexed.map((d) => (d.indexedAt ? Date.parse(d.indexedAt) : startedAt)))
    for (const d of failed) report.line(`    not indexed: ${d.title} (${d.error?.code ?? d.status})`)
    report.line(
      `  ingest on ${db.kind}: ${indexed.length}/${docs.length} PDFs indexed, ${pages} pages, ${chunks} chunks in ${round2(seconds)} s` +
        ` → ${round2(pages / seconds)} pages/s, ${round2(chunks / seconds)} chunks/s` +
        ` (last document indexed after ${round2((lastIndexed - startedAt) / 1000)} s)`,
    )
    return {
      figure: 'ingest',
      db: db.kind,
      pages_per_s: round2(pages / seconds),
      chunks_per_s: round2(chunks / seconds),
      docs: indexed.length,
      failed_docs: failed.length,
      pages,
      chunks,
      seconds: round2(seconds),
      seconds_to_last_indexed: round2((lastIndexed - startedAt) / 1000),
      concurrency: config.INGEST_CONCURRENCY,
    }
  } finally {
    await runtime.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Until nothing is pending or processing (a failed parse may be retried later). */
export async function waitUntilProcessed(runtime: Runtime): Promise<void> {
  for (;;) {
    await runtime.core.idle()
    const stats = await runtime.core.stats()
    if (stats.documents.pending + stats.documents.processing === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
