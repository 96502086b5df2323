import { afterAll, beforeAll } from 'vitest'
import type { TestDatabase } from './test-databases.ts'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/platform/config/load-config.ts'
import type { Database } from '../../src/store/db/database.ts'
import { silentLogger } from '../../src/platform/log/logger.ts'
import { type Runtime, buildRuntime } from '../../src/runtime.ts'
import type { IngestReceipt } from '../../src/ingest/ingest-request.ts'
import { corpusPath, readCorpus } from './corpus.ts'

/** The real runtime (parser workers, embedder, queue) on a given test database. */
export async function buildTestRuntime(database: Database, env: Record<string, string> = {}): Promise<Runtime> {
  const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'dq-test-')), PARSE_TIMEOUT_MS: '20000', ...env })
  return await buildRuntime(config, silentLogger, { database })
}

/** Ingests corpus files as the CLI would, and waits until each is indexed or failed. */
export async function ingestCorpus(
  runtime: Runtime,
  files: readonly string[],
  scope: { workspace?: string; channel?: string | null } = {},
): Promise<IngestReceipt[]> {
  const receipts: IngestReceipt[] = []
  for (const file of files) {
    receipts.push(
      await runtime.core.ingest({
        workspace: scope.workspace ?? 'local',
        visibleIn: scope.channel ?? null,
        bytes: readCorpus(file),
        filename: corpusPath(file),
        source: 'cli',
        sourceRef: file,
      }),
    )
  }
  await waitForIndexing(runtime)
  return receipts
}

/** Until nothing is pending or processing (e-mail parts are queued while their parent is processed). */
export async function waitForIndexing(runtime: Runtime): Promise<void> {
  for (;;) {
    await runtime.core.idle()
    const stats = await runtime.core.stats()
    if (stats.documents.pending + stats.documents.processing === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * A runtime on a fresh database of the given kind for one describe block:
 * built (and seeded by `seed`) before its tests, closed and dropped after.
 */
export function useTestRuntime(db: TestDatabase, seed: (runtime: Runtime) => Promise<void>): () => Runtime {
  let runtime: Runtime | undefined
  let drop: (() => Promise<void>) | undefined
  beforeAll(async () => {
    const created = await db.create()
    drop = created.drop
    runtime = await buildTestRuntime(created.database)
    await seed(runtime)
  })
  afterAll(async () => {
    await runtime?.close()
    await drop?.()
  })
  return () => {
    if (!runtime) throw new Error('runtime used outside its describe block')
    return runtime
  }
}
