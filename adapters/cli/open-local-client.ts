import { buildRuntime, claimDataDir, type Config, createLogger } from '../../src/index.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import { createLocalClient } from './local-client.ts'

/** No service is running (or the database is PostgreSQL): the CLI opens the database itself. */
export async function openLocalClient(config: Config, stderr: NodeJS.WritableStream): Promise<DocuQueryClient> {
  const release = config.DATABASE_URL ? () => {} : claimDataDir(config.DATA_DIR, { pid: process.pid, kind: 'cli' })
  try {
    const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, stderr)
    const runtime = await buildRuntime(config, logger)
    // A previous run may have been interrupted: finish its documents too.
    await runtime.core.recover()
    return createLocalClient(runtime, release)
  } catch (error) {
    release()
    throw error
  }
}
