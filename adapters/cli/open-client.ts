import type { Config } from '../../src/config/config-schema.ts'
import { createLogger } from '../../src/log/logger.ts'
import { buildRuntime } from '../../src/runtime.ts'
import { claimDataDir, readOwner } from '../../src/service/data-dir-lock.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import { createLocalClient } from './local-client.ts'
import { createServiceClient } from './service-client.ts'

/**
 * On the embedded database, a running service owns DATA_DIR: go through its
 * admin API. Otherwise (no service, or PostgreSQL) open the database here.
 */
export async function openClient(config: Config, stderr: NodeJS.WritableStream): Promise<DocuQueryClient> {
  if (!config.DATABASE_URL) {
    const owner = readOwner(config.DATA_DIR)
    if (owner?.kind === 'service' && owner.url) return createServiceClient(owner.url, config.ADMIN_TOKEN)
  }
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
