/**
 * `npm run eval -- --qa <file.jsonl>`: indexes the public corpus on a fresh
 * embedded database (or the one in `--data-dir`, reused when already indexed)
 * through the product's own ingest, asks every question through `ask`, and
 * prints one JSON line of hit rates per style. `--misses` lists each miss.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../src/platform/config/load-config.ts'
import { openPglite } from '../src/store/db/open-pglite.ts'
import { openPostgres } from '../src/store/db/open-postgres.ts'
import { silentLogger } from '../src/platform/log/logger.ts'
import { buildRuntime } from '../src/runtime.ts'
import { type QaOutcome, loadQaCases, scoreQa, summarize } from './corpus-qa.ts'

export interface CorpusQaOptions {
  qaFile: string
  corpusRoot: string
  dataDir?: string
  postgres: boolean
  showMisses: boolean
}

const WORKSPACE = 'corpus-qa'

export async function runCorpusQa(options: CorpusQaOptions): Promise<void> {
  const cases = loadQaCases(options.qaFile)
  const config = loadConfig({ ...process.env, INGEST_CONCURRENCY: process.env.INGEST_CONCURRENCY ?? '2', CACHE_TTL_SECONDS: '0' })
  const database = options.postgres && config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(options.dataDir)
  const runtime = await buildRuntime(config, silentLogger, { database })
  try {
    const existing = await runtime.core.listDocuments({ workspace: WORKSPACE, limit: 1 })
    if (existing.length === 0) await indexCorpus(runtime.core, options.corpusRoot)
    const outcomes: QaOutcome[] = []
    const started = performance.now()
    for (const item of cases) {
      const result = await runtime.core.ask({ question: item.q, workspace: WORKSPACE, channel: null })
      const outcome = scoreQa(item, result)
      outcomes.push(outcome)
      if (options.showMisses && !outcome.hit) {
        console.log(`MISS [${item.style}] ${outcome.reason}: ${item.q}`)
        console.log(`  want ${item.doc ?? '(decline)'} ${JSON.stringify(item.expect)}`)
        for (const c of result.citations.slice(0, 3)) console.log(`  got  ${c.source} p.${c.page ?? '-'} ${c.score}: ${c.snippet.slice(0, 160)}`)
      }
    }
    const perQuestionMs = (performance.now() - started) / Math.max(1, cases.length)
    for (const style of ['keyword', 'paraphrase', 'unanswerable'] as const) {
      const of = outcomes.filter((o) => o.item.style === style)
      const reasons = new Map<string, number>()
      for (const o of of) if (o.reason) reasons.set(o.reason, (reasons.get(o.reason) ?? 0) + 1)
      console.log(`${style.padEnd(13)} ${of.filter((o) => o.hit).length}/${of.length}  misses: ${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`)
    }
    console.log(`(${perQuestionMs.toFixed(1)} ms per question on ${database.kind})`)
    console.log(JSON.stringify(summarize(outcomes)))
  } finally {
    await runtime.close()
    await database.close()
  }
}

async function indexCorpus(core: Awaited<ReturnType<typeof buildRuntime>>['core'], corpusRoot: string): Promise<void> {
  const started = performance.now()
  const files = corpusFiles(corpusRoot)
  for (const path of files) {
    const sourceRef = relative(corpusRoot, path).split(sep).join('/')
    await core.ingest({
      workspace: WORKSPACE,
      visibleIn: null,
      bytes: new Uint8Array(readFileSync(path)),
      filename: sourceRef.split('/').at(-1) ?? sourceRef,
      source: 'cli',
      sourceRef,
    })
  }
  await core.idle()
  const stats = await core.stats()
  console.log(
    `indexed ${stats.documents.indexed} documents (${stats.documents.failed} refused), ${stats.chunks} passages from ${files.length} corpus files in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
}

/** The corpus's documents: everything below its type folders, not its top-level notes (MANIFEST, README). */
function corpusFiles(root: string): string[] {
  return readdirSync(resolve(root), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(root, dir.name), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name)),
    )
    .sort()
}
