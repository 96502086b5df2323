import { readFileSync } from 'node:fs'
import { parse as parseDotenv } from 'dotenv'
import { AppError } from '../app-error.ts'
import { type Config, configSchema } from './config-schema.ts'

type Env = Record<string, string | undefined>

/**
 * Parses the environment once. `.env` values fill in what the real environment
 * leaves unset, so a deployment can always override the file.
 */
export function loadConfig(env: Env, dotenvPath?: string): Config {
  const fromFile = dotenvPath ? readDotenv(dotenvPath) : {}
  const merged: Env = { ...fromFile, ...env }
  const result = configSchema.safeParse(merged)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  throw new AppError('invalid_input', `Invalid configuration:\n${problems.join('\n')}`, {
    cause: result.error,
  })
}

function readDotenv(path: string): Env {
  try {
    return parseDotenv(readFileSync(path))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw err
  }
}
