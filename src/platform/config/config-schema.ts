import { z } from 'zod'
import { providerProblems, providerSettings } from './provider-settings.ts'

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
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  NO_COLOR: optionalString,
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
  // Redis (src/platform/cache, src/platform/queue): the shared answer cache, and BullMQ workers when DATABASE_URL is set too.
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
  REDIS_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('docuquery'),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  INGEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  INGEST_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(24 * 60 * 60),
  CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(1000),
  CACHE_MAX_ENTRY_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  CACHE_TIMEOUT_MS: z.coerce.number().int().positive().default(250),
  // ROLE=worker has no HTTP server; with this set it serves /health/live and /health/ready (Docker, Fly checks).
  WORKER_HEALTH_PORT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), port.optional()),
  // Question limits (src/platform/limits): fixed windows on Redis when REDIS_URL is set, else in this process. 0 turns one off.
  RATE_LIMIT_USER_QUESTIONS: z.coerce.number().int().min(0).default(10),
  RATE_LIMIT_USER_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  RATE_LIMIT_WORKSPACE_QUESTIONS: z.coerce.number().int().min(0).default(0),
  RATE_LIMIT_WORKSPACE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  // Answer-model tokens (in + out) per workspace per UTC day; past it, answers are extractive. 0: no budget.
  DAILY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(0),
  // Answer models and embeddings: src/platform/config/provider-settings.ts.
  ...providerSettings,
  // Discord (adapters/discord): on when DISCORD_TOKEN is set.
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.pipe(z.string().regex(/^\d{15,25}$/, 'must be a Discord id (digits)').optional()),
  DISCORD_API_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  DISCORD_GUILD_ID: optionalString.pipe(z.string().regex(/^\d{15,25}$/, 'must be a Discord id (digits)').optional()),
  DISCORD_ANSWER_BOTS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  DISCORD_SHARD_COUNT: optionalString.pipe(z.string().regex(/^[1-9]\d*$/, 'must be a whole number, at least 1').transform(Number).optional()),
  DISCORD_SHARD_IDS: optionalString.pipe(
    z
      .string()
      .regex(/^\d+(\s*,\s*\d+)*$/, 'must be a comma-separated list of shard numbers')
      .transform((v) => v.split(',').map((id) => Number(id.trim())))
      .optional(),
  ),
  // E-mail (adapters/email): SMTP on when SMTP_PORT is set; POST /inbound/email when INBOUND_EMAIL_TOKEN is set.
  SMTP_PORT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), port.optional()),
  SMTP_HOST: z.string().trim().min(1).default('0.0.0.0'),
  SMTP_TLS_CERT: optionalString,
  SMTP_TLS_KEY: optionalString,
  EMAIL_ROUTES_FILE: optionalString,
  EMAIL_ALLOWED_SENDERS: commaList(/^([^@\s,]+@)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'domains or addresses'),
  EMAIL_RECIPIENT_DOMAINS: commaList(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'domains'),
  MAX_EMAIL_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  INBOUND_EMAIL_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  // off: trust the envelope (and EMAIL_ALLOWED_SENDERS); dkim: a valid DKIM signature of the From: domain; dmarc: DMARC pass.
  EMAIL_REQUIRE_AUTH: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v), z.enum(['off', 'dkim', 'dmarc']).default('off')),
  // Slack (adapters/slack): on with SLACK_SIGNING_SECRET plus a bot token or OAuth client; see slackProblems.
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must be a bot token (xoxb-…)').optional()),
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional()),
  SLACK_API_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((v) => (v.endsWith('/') ? v : `${v}/`))
      .optional(),
  ),
  SLACK_ANSWER_BOTS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
}).superRefine((config, ctx) => {
  for (const [path, message] of providerProblems(config)) ctx.addIssue({ code: 'custom', path: [path], message })
  for (const [path, message] of slackProblems(config)) ctx.addIssue({ code: 'custom', path: [path], message })
  for (const [path, message] of roleProblems(config)) ctx.addIssue({ code: 'custom', path: [path], message })
})

type SlackKeys = 'SLACK_SIGNING_SECRET' | 'SLACK_BOT_TOKEN' | 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET' | 'SLACK_APP_TOKEN'

/** A half-configured Slack stops start-up with every missing piece named, not a failure at the first event. */
function slackProblems(c: Partial<Record<SlackKeys, string | undefined>>): Array<[SlackKeys, string]> {
  const anySet = [c.SLACK_SIGNING_SECRET, c.SLACK_BOT_TOKEN, c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET, c.SLACK_APP_TOKEN].some(Boolean)
  if (!anySet) return []
  const problems: Array<[SlackKeys, string]> = []
  const oauth = Boolean(c.SLACK_CLIENT_ID || c.SLACK_CLIENT_SECRET || c.SLACK_STATE_SECRET)
  if (c.SLACK_BOT_TOKEN && oauth) {
    problems.push(['SLACK_BOT_TOKEN', 'set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET (OAuth install, many workspaces), not both'])
  } else if (!c.SLACK_BOT_TOKEN && !oauth) {
    problems.push(['SLACK_BOT_TOKEN', 'Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth install)'])
  }
  if (oauth) {
    for (const key of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const) {
      if (!c[key]) problems.push([key, 'is required for the OAuth install (with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET)'])
    }
    if (c.SLACK_APP_TOKEN) problems.push(['SLACK_APP_TOKEN', 'Socket Mode serves one workspace: use it with SLACK_BOT_TOKEN, not the OAuth install'])
  }
  // Socket Mode receives events over a websocket: nothing to verify a signature on.
  if (!c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    problems.push(['SLACK_SIGNING_SECRET', 'is required to verify Slack requests (Basic Information → App Credentials → Signing Secret)'])
  }
  return problems
}

/** Web and worker processes meet only through Redis (the queue) and PostgreSQL (PGlite admits one process). */
function roleProblems(c: { ROLE: string; REDIS_URL?: string | undefined; DATABASE_URL?: string | undefined }): Array<['ROLE', string]> {
  if (c.ROLE === 'all') return []
  const missing = [c.REDIS_URL ? null : 'REDIS_URL (the queue between processes)', c.DATABASE_URL ? null : 'DATABASE_URL (PGlite admits one process at a time)']
  const needed = missing.filter((m): m is string => m !== null)
  return needed.length === 0 ? [] : [['ROLE', `ROLE=${c.ROLE} runs beside other processes, so it needs ${needed.join(' and ')}`]]
}

/** "a.com, b@c.org" → ["a.com", "b@c.org"] (lower case); every entry must match `entry`. */
function commaList(entry: RegExp, what: string) {
  return z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))
    .refine((list) => list.every((item) => entry.test(item)), `must be a comma-separated list of ${what}`)
}

export type Config = z.infer<typeof configSchema>
