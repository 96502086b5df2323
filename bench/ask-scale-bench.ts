import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { buildRuntime } from '../src/runtime.ts'
import { deleteKeys } from '../tests/helpers/redis-server.ts'
import { type ServiceProcess, spawnService } from '../tests/helpers/spawn-service.ts'
import { openBenchPostgres } from './bench-databases.ts'
import { round2, summarizeLatencies } from './latency-summary.ts'
import { corpusRoot } from './paths.ts'
import type { Figure, Report } from './report.ts'

const WORKSPACE = 'bench-scale'
const ADMIN_TOKEN = 'bench-scale-admin-token-01'
const documents = [
  'text/markdown/18f-handbook-leave.md',
  'text/markdown/18f-handbook-security.md',
  'text/markdown/github-acceptable-use-policies.md',
  'text/markdown/github-privacy-statement.md',
  'pdf/sample-contract.pdf',
  'pdf/irs-i1040nr-instructions.pdf',
]
const questions = [
  'How many hours of annual leave can be carried over to the next leave year?',
  'How much sick leave do employees earn per pay period?',
  'How long must the consultant keep records available for audit after final payment?',
  'How many days of notice must be given to terminate the agreement?',
  'Who must report a security incident and how quickly?',
  'Is two-factor authentication required for GitHub accounts?',
  'What personal information does GitHub collect?',
  'Can I use GitHub to send spam or bulk unsolicited messages?',
  'Who must file Form 1040-NR?',
  'When is the 1040-NR due for a nonresident alien who is not an employee?',
  'What is the policy on leave without pay?',
  'How are passwords to be stored?',
]

export interface AskScaleSettings {
  /** Requests in flight at any time, spread evenly over the web processes. */
  concurrency: number
  warmupSeconds: number
  seconds: number
}

/**
 * Asks per second through POST /api/ask with 1, then 2, web processes
 * (ROLE=web child processes) on one PostgreSQL and one Redis. A closed loop:
 * `concurrency` clients in this process, each sending its next question when
 * the last is answered, client i always to web i mod N. The answer cache is
 * off so every question is retrieved and answered; rate limits are off.
 */
export async function runAskScaleBench(postgresUrl: string, redisUrl: string, webCounts: readonly number[], settings: AskScaleSettings, report: Report): Promise<Figure[]> {
  // Other work on a shared machine drifts over minutes: say how busy it was.
  report.line(`  load average before: ${loadavg().map(round2).join(', ')} (${cpus().length} CPUs)`)
  const db = await openBenchPostgres(postgresUrl)
  const prefix = `dq-bench-scale-${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-scale-'))
  try {
    await seed(db.database, dataDir)
    const figures: Figure[] = []
    for (const webs of webCounts) {
      const env = {
        DATABASE_URL: db.url ?? '',
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        DATA_DIR: dataDir,
        ROLE: 'web',
        HOST: '127.0.0.1',
        PORT: '0',
        ADMIN_TOKEN,
        LOG_LEVEL: 'info',
        CACHE_TTL_SECONDS: '0',
        RATE_LIMIT_USER_QUESTIONS: '0',
        RATE_LIMIT_WORKSPACE_QUESTIONS: '0',
      }
      const children = Array.from({ length: webs }, () => spawnService(env))
      try {
        await Promise.all(children.map((c) => c.waitForLog('DocuQuery is ready on', 120_000)))
        const urls = children.map(urlOf)
        await load(urls, settings.concurrency, settings.warmupSeconds)
        const run = await load(urls, settings.concurrency, settings.seconds)
        const latency = summarizeLatencies(run.latencies)
        const perSecond = round2(run.latencies.length / run.seconds)
        report.line(
          `  ${webs} web process(es): ${run.latencies.length} answers in ${round2(run.seconds)} s → ${perSecond} asks/s` +
            ` (p50 ${latency.p50} ms, p95 ${latency.p95} ms${run.errors > 0 ? `, ${run.errors} errors` : ''})`,
        )
        figures.push({ figure: 'scale_asks', db: 'postgres', webs, load_avg_1m: round2(loadavg()[0] ?? 0), concurrency: settings.concurrency, asks_per_s: perSecond, p50_ms: latency.p50, p95_ms: latency.p95, answers: run.latencies.length, errors: run.errors, seconds: round2(run.seconds) })
      } finally {
        await Promise.all(children.map((c) => c.stop('SIGTERM')))
      }
    }
    return figures
  } finally {
    await db.dispose()
    await deleteKeys(redisUrl, prefix)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The documents the questions are about, indexed in this process before any web process starts. */
async function seed(database: Awaited<ReturnType<typeof openBenchPostgres>>['database'], dataDir: string): Promise<void> {
  const runtime = await buildRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), silentLogger, { database })
  try {
    for (const file of documents) {
      const bytes = new Uint8Array(readFileSync(path.join(corpusRoot, file)))
      await runtime.core.ingest({ workspace: WORKSPACE, visibleIn: null, bytes, filename: path.join(corpusRoot, file), source: 'cli', sourceRef: file })
    }
    await runtime.core.idle()
  } finally {
    await runtime.close()
  }
}

function urlOf(child: ServiceProcess): string {
  const line = child.logs.find((l) => String(l.msg).startsWith('DocuQuery is ready on'))
  return String(line?.url)
}

/** `concurrency` clients asking until `seconds` are up; each stops by itself after its last answer. */
async function load(urls: readonly string[], concurrency: number, seconds: number): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const latencies: number[] = []
  let errors = 0
  const start = performance.now()
  const end = start + seconds * 1000
  const client = async (index: number) => {
    const url = `${urls[index % urls.length]}/api/ask`
    for (let n = index; performance.now() < end; n += concurrency) {
      const sent = performance.now()
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ question: questions[n % questions.length], workspace: WORKSPACE }),
      }).catch(() => null)
      if (res?.ok) {
        await res.arrayBuffer()
        latencies.push(performance.now() - sent)
      } else {
        errors++
        await res?.arrayBuffer()
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)))
  return { latencies, errors, seconds: (performance.now() - start) / 1000 }
}
