import { type Config, readOwner } from '../../src/index.ts'
import type { DocuQueryClient } from './docuquery-client.ts'

/**
 * On the embedded database, a running service owns DATA_DIR: go through its
 * admin API. Otherwise (no service, or PostgreSQL) open the database here.
 * The database, parsers and providers are imported only on that second path,
 * so talking to a running service starts as fast as a small HTTP client.
 */
export async function openClient(config: Config, stderr: NodeJS.WritableStream): Promise<DocuQueryClient> {
  if (!config.DATABASE_URL) {
    const owner = readOwner(config.DATA_DIR)
    if (owner?.kind === 'service' && owner.url) {
      const { createServiceClient } = await import('./service-client.ts')
      return createServiceClient(owner.url, config.ADMIN_TOKEN)
    }
  }
  const { openLocalClient } = await import('./open-local-client.ts')
  return await openLocalClient(config, stderr)
}
