import { join } from 'node:path'
import { loadConfig } from './platform/config/load-config.ts'
import { isAppError } from './platform/app-error.ts'
import { migrateDatabase } from './store/db/migrate-database.ts'

/**
 * `npm run migrate`: applies pending migrations and exits. It is the release
 * step of a deployment (Fly's release_command, compose's `migrate` service),
 * so that web processes and workers start on a schema that is already there.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, join(process.cwd(), '.env'))
  const outcome = await migrateDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR })
  process.stdout.write(`docuquery: ${outcome.where} is up to date (${outcome.applied} migrations applied in all)\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`docuquery: migration failed: ${isAppError(error) ? error.message : String(error instanceof Error ? error.message : error)}\n`)
  process.exit(1)
})
