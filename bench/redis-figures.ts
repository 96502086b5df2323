import type { BenchOptions } from './bench-options.ts'
import { type CacheBenchSetup, extractiveSetup, runCacheBench } from './cache-bench.ts'
import { readCorpusPdfs } from './ingest-bench.ts'
import { round2 } from './latency-summary.ts'
import { runQueueBench } from './queue-bench.ts'
import type { Figure, Report } from './report.ts'
import { runAskScaleBench } from './ask-scale-bench.ts'

/** Section `queue`: ingest throughput with 1 and 2 BullMQ worker processes (PostgreSQL + Redis). */
export async function queueFigures(options: BenchOptions, report: Report): Promise<void> {
  const pdfs = readCorpusPdfs(options.maxPdfBytes)
  const perWorker = 1
  report.line(
    `\n5. Ingest through BullMQ: ${pdfs.length} PDFs (${round2(pdfs.reduce((s, p) => s + p.bytes.byteLength, 0) / 1024 / 1024)} MB, same set as figure 1),` +
      ` 1 then 2 worker processes (npm run worker) with INGEST_CONCURRENCY=${perWorker} each, one PostgreSQL, one Redis; timed from the first submit until nothing is pending`,
  )
  if (!options.postgresUrl || !options.redisUrl) {
    const reason = `needs ${[options.postgresUrl ? null : 'DATABASE_URL_BENCH or TEST_DATABASE_URL', options.redisUrl ? null : 'REDIS_URL_BENCH or TEST_REDIS_URL'].filter(Boolean).join(' and ')}`
    report.line(`  skipped: ${reason}`)
    report.figure({ figure: 'ingest_bullmq', skipped: true, reason })
    return
  }
  for (const workers of [1, 2]) report.figure(await runQueueBench(options.postgresUrl, options.redisUrl, pdfs, workers, perWorker, report))
  report.memory('queue')
}

/** Section `cache`: answer latency on a cache hit and a miss, in-process and (with a Redis URL) on Redis. */
export async function cacheFigures(options: BenchOptions, report: Report, setup: CacheBenchSetup = extractiveSetup): Promise<void> {
  const rounds = options.quick ? 1 : 5
  report.line(
    `\n6. Answer cache: core.ask of 20 questions × ${rounds} round(s) on PGlite, each asked twice (the first a miss, the second a hit once the ask path caches),` +
      ` answers: ${setup.label}; plus AnswerCache.get of a stored answer ×200`,
  )
  report.figure(await runCacheBench({ name: 'memory' }, rounds, report, setup))
  if (options.redisUrl) report.figure(await runCacheBench({ name: 'redis', redisUrl: options.redisUrl }, rounds, report, setup))
  else report.line('  redis: skipped (set REDIS_URL_BENCH or TEST_REDIS_URL)')
  report.memory('cache')
}

/**
 * Section `scale`: what a second process buys on this machine, on PostgreSQL +
 * Redis: asks/s through 1 vs 2 web processes, ingest pages/s with 1 vs 2 workers.
 */
export async function scaleFigures(options: BenchOptions, report: Report): Promise<void> {
  const settings = { concurrency: 8, warmupSeconds: options.quick ? 2 : 5, seconds: options.quick ? 8 : 20 }
  report.line(
    `\nScale-out: POST /api/ask with 1 then 2 web processes (ROLE=web), ${settings.concurrency} clients in a closed loop, answer cache off, ${settings.seconds} s each after ${settings.warmupSeconds} s of warm-up;` +
      ' then ingest with 1 then 2 worker processes (as figure 5). One PostgreSQL, one Redis, this machine\'s cores shared by every process: the ratio is the figure',
  )
  if (!options.postgresUrl || !options.redisUrl) {
    const reason = `needs ${[options.postgresUrl ? null : 'DATABASE_URL_BENCH or TEST_DATABASE_URL', options.redisUrl ? null : 'REDIS_URL_BENCH or TEST_REDIS_URL'].filter(Boolean).join(' and ')}`
    report.line(`  skipped: ${reason}`)
    report.figure({ figure: 'scale', skipped: true, reason })
    return
  }
  // 1, 2, 2, 1: a machine that gets busier or quieter during the runs favours neither side.
  const order = [1, 2, 2, 1]
  const asks = await runAskScaleBench(options.postgresUrl, options.redisUrl, order, settings, report)
  for (const figure of asks) report.figure(figure)
  const pdfs = readCorpusPdfs(options.maxPdfBytes)
  const ingest: Figure[] = []
  for (const workers of options.quick ? order : [1, 2]) ingest.push(await runQueueBench(options.postgresUrl, options.redisUrl, pdfs, workers, 1, report))
  for (const figure of ingest) report.figure({ ...figure, figure: 'scale_ingest' })
  /** Mean of each side's runs, then 2-process mean / 1-process mean. */
  const ratio = (figures: Figure[], count: string, key: string) => {
    const mean = (n: number) => {
      const values = figures.filter((f) => f[count] === n).map((f) => Number(f[key]))
      return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length
    }
    return mean(1) > 0 ? round2(mean(2) / mean(1)) : null
  }
  const askRatio = ratio(asks, 'webs', 'asks_per_s')
  const ingestRatio = ratio(ingest, 'workers', 'pages_per_s')
  report.line(`  2 vs 1: asks/s ×${askRatio ?? '—'}, ingest pages/s ×${ingestRatio ?? '—'}`)
  report.figure({ figure: 'scale_ratio', asks_2_vs_1: askRatio, ingest_pages_2_vs_1: ingestRatio })
  report.memory('scale')
}
