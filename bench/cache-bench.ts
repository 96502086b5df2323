import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { buildRuntime } from '../src/runtime.ts'
import { openBenchPglite } from './bench-databases.ts'
import { round2, summarizeLatencies } from './latency-summary.ts'
import { corpusRoot } from './paths.ts'
import type { Figure, Report } from './report.ts'
import { readFileSync } from 'node:fs'

/**
 * How the answering runtime is built for the cache figure. Today: the
 * embedded extractive answerer. A generative provider behind msw plugs in
 * here: its env (provider keys, models) and the msw server's start and stop.
 */
export interface CacheBenchSetup {
  label: string
  env: Record<string, string>
  start?(): Promise<void>
  stop?(): Promise<void>
}

export const extractiveSetup: CacheBenchSetup = { label: 'extractive', env: {} }

const WORKSPACE = 'bench-cache'
export const cacheBenchFiles = ['pdf/sample-contract.pdf', 'text/markdown/18f-handbook-leave.md', 'text/markdown/18f-handbook-security.md', 'docx/headings-hierarchy.docx']
export const cacheBenchQuestions = [
  'How long must the consultant keep records available for audit after final payment?',
  'How many days notice must the consultant give to terminate the agreement?',
  'Who owns the documents the consultant produces?',
  'How much annual leave do employees earn?',
  'What happens to unused annual leave at the end of the year?',
  'How do I request sick leave?',
  'Can leave be advanced?',
  'How should I report a security incident?',
  'Which devices may be used for work?',
  'What are the password requirements?',
  'Is two-factor authentication required?',
  'What is the insurance requirement for the consultant?',
  'How is the consultant paid?',
  'What is family and medical leave?',
  'Who approves time off?',
  'What is the policy on lost laptops?',
  'How are invoices submitted?',
  'What is the heading hierarchy of the document?',
  'Can the agreement be assigned to someone else?',
  'What is the term of the agreement?',
]

/**
 * Answer latency through core.ask on a cache miss (first time a question is
 * asked) and on a hit (the same question again), per cache backend. The raw
 * AnswerCache.get of a stored answer is timed too: the floor a hit can reach.
 */
export async function runCacheBench(backend: { name: 'memory' | 'redis'; redisUrl?: string }, rounds: number, report: Report, setup: CacheBenchSetup = extractiveSetup): Promise<Figure> {
  const db = await openBenchPglite()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dq-bench-cache-'))
  const prefix = `dq-bench-cache-${randomBytes(4).toString('hex')}`
  const redisEnv: Record<string, string> = backend.redisUrl ? { REDIS_URL: backend.redisUrl, REDIS_PREFIX: prefix } : {}
  await setup.start?.()
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...redisEnv, ...setup.env })
  const runtime = await buildRuntime(config, silentLogger, { database: db.database })
  try {
    for (const file of cacheBenchFiles) {
      await runtime.core.ingest({ workspace: WORKSPACE, visibleIn: null, bytes: new Uint8Array(readFileSync(path.join(corpusRoot, file))), filename: path.join(corpusRoot, file), source: 'cli', sourceRef: file })
    }
    await runtime.core.idle()
    const miss: number[] = []
    const hit: number[] = []
    let provider = ''
    for (let round = 0; round < rounds; round++) {
      // Each round asks new variants (a round number in the question), so its first ask is a miss.
      for (const question of cacheBenchQuestions) {
        const text = round === 0 ? question : `${question} (${round})`
        for (let i = 0; i < 2; i++) {
          const started = performance.now()
          const answer = await runtime.core.ask({ question: text, workspace: WORKSPACE, channel: null })
          const ms = performance.now() - started
          provider = answer.provider
          ;(answer.cached ? hit : miss).push(ms)
        }
      }
    }
    const stored = { answer: { answer: 'x'.repeat(600), grounded: true, citations: [], cached: false, latencyMs: 1, provider }, tokensIn: 1000, tokensOut: 100 }
    await runtime.answerCache.set('bench-probe', stored)
    const gets: number[] = []
    for (let i = 0; i < 200; i++) {
      const started = performance.now()
      await runtime.answerCache.get('bench-probe')
      gets.push(performance.now() - started)
    }
    const missL = summarizeLatencies(miss)
    const hitL = hit.length > 0 ? summarizeLatencies(hit) : null
    const getL = summarizeLatencies(gets)
    report.line(
      `  ${backend.name} cache, ${setup.label} answers: miss p50 ${missL.p50} ms / p95 ${missL.p95} ms (${missL.n} asks); ` +
        (hitL ? `hit p50 ${hitL.p50} ms / p95 ${hitL.p95} ms (${hitL.n} asks)` : 'no cache hits: the ask path does not use the cache yet') +
        `; AnswerCache.get of a stored answer p50 ${getL.p50} ms / p95 ${getL.p95} ms`,
    )
    return {
      figure: 'answer_cache',
      backend: backend.name,
      provider: setup.label,
      db: 'pglite',
      miss_p50_ms: missL.p50,
      miss_p95_ms: missL.p95,
      misses: missL.n,
      hit_p50_ms: hitL?.p50 ?? null,
      hit_p95_ms: hitL?.p95 ?? null,
      hits: hit.length,
      cache_get_p50_ms: getL.p50,
      cache_get_p95_ms: getL.p95,
      hit_speedup: hitL && hitL.p50 > 0 ? round2(missL.p50 / hitL.p50) : null,
    }
  } finally {
    await runtime.close()
    await setup.stop?.()
    await db.dispose()
    rmSync(dataDir, { recursive: true, force: true })
    if (backend.redisUrl) await deleteBenchKeys(backend.redisUrl, prefix)
  }
}

async function deleteBenchKeys(url: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis')
  const client = new Redis(url)
  try {
    const keys = await client.keys(`${prefix}*`)
    if (keys.length > 0) await client.del(...keys)
  } finally {
    client.disconnect()
  }
}
