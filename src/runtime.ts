import type { Config } from './config/config-schema.ts'
import { type Core, createCore } from './core/create-core.ts'
import type { Database } from './db/database.ts'
import { openDatabase } from './db/open-database.ts'
import { createHashingEmbedder } from './embed/hashing-embedder.ts'
import type { Embedder } from './embed/embedder.ts'
import type { Logger } from './log/logger.ts'
import { createDocumentParser } from './parse/index.ts'
import type { DocumentParser } from './parse/parsed-document.ts'
import { createInProcessQueue } from './queue/in-process-queue.ts'

export interface Runtime {
  config: Config
  database: Database
  parser: DocumentParser
  embedder: Embedder
  core: Core
  close(): Promise<void>
}

export interface RuntimeOverrides {
  /** Use this database instead of opening the configured one (tests, benchmarks). */
  database?: Database
}

/**
 * Builds the core once from the parsed config: the one place that decides
 * which implementation stands behind each port.
 */
export async function buildRuntime(config: Config, logger: Logger, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const database =
    overrides.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }))
  const parser = createDocumentParser({
    maxBytes: config.MAX_FILE_BYTES,
    timeoutMs: config.PARSE_TIMEOUT_MS,
    poolSize: config.INGEST_CONCURRENCY,
  })
  const embedder = createHashingEmbedder()
  const core = createCore({
    database,
    parser,
    embedder,
    logger,
    maxFileBytes: config.MAX_FILE_BYTES,
    createQueue: (handler) =>
      createInProcessQueue(handler, {
        concurrency: config.INGEST_CONCURRENCY,
        onError: (documentId, error) => logger.error({ documentId, err: error }, 'ingest job crashed'),
      }),
  })
  return {
    config,
    database,
    parser,
    embedder,
    core,
    async close() {
      await core.close()
      await parser.close()
      if (!overrides.database) await database.close()
    },
  }
}
