import { z } from 'zod'

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const port = z.coerce.number().int().min(0).max(65535)

/** Every setting DocuQuery reads. Documented one by one in `.env.example`. */
export const configSchema = z.object({
  DATA_DIR: z.string().trim().min(1).default('./data'),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  MAX_FILE_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  PARSE_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
})

export type Config = z.infer<typeof configSchema>
