import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { createAdminApp } from '../adapters/admin/create-admin-app.ts'
import { serveWorkerHealth } from '../adapters/admin/worker-health.ts'
import { createEmailAdapter } from '../adapters/email/create-email-adapter.ts'
import { combineEmailNotifiers } from '../adapters/email/email-notifier.ts'
import { slackSettings } from '../adapters/slack/slack-settings.ts'
import { loadConfig } from './platform/config/load-config.ts'
import { selectRows } from './store/db/database.ts'
import { isAppError } from './platform/app-error.ts'
import { type Logger, chooseLogOutput, createLogger } from './platform/log/logger.ts'
import { createMetrics } from './platform/metrics.ts'
import { type Runtime, buildRuntime } from './runtime.ts'
import { adapterStatuses } from '../adapters/adapter-statuses.ts'
import { discordSettings } from '../adapters/discord/discord-settings.ts'
import { claimDataDir } from './store/db/data-dir-lock.ts'
import { logScaling, runWorkerRole } from './core/worker-role.ts'

/** The composition root of the service: config once, everything built once, handed down. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, join(process.cwd(), '.env'))
  const logger = createLogger(config.LOG_LEVEL, process.stderr, chooseLogOutput(config.LOG_FORMAT, process.stderr, config.NO_COLOR))
  const embedded = !config.DATABASE_URL
  // Where this machine reaches the service (the CLI, the adapter lines); the ready line says where it listens.
  const localHost = reachableHost(config.HOST)
  let adminUrl = `http://${localHost}:${config.PORT}`
  let release = embedded ? claimDataDir(config.DATA_DIR, { pid: process.pid, kind: 'service' }) : () => {}

  const opening = Date.now()
  logger.info(
    { database: embedded ? 'pglite' : 'postgres' },
    `opening the database (${embedded ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL, DATABASE_URL'}) and applying migrations…`,
  )
  // A web-only process leaves parsing to the workers; every other role ingests, so its parsers start now.
  const runtime = await buildRuntime(config, logger, { warmWorkers: config.ROLE !== 'web' })
  logger.info({ ms: Date.now() - opening }, `database ready, migrations applied (${((Date.now() - opening) / 1000).toFixed(1)} s)`)
  logScaling(runtime, logger)
  const isReady = async () => (await selectRows(runtime.database.orm, sql`select 1 as ok`)).length === 1
  if (config.ROLE === 'worker') {
    const health =
      config.WORKER_HEALTH_PORT === undefined ? null : serveWorkerHealth({ host: config.HOST, port: config.WORKER_HEALTH_PORT, isReady, logger })
    return await runWorkerRole(runtime, logger, async () => await health?.close())
  }
  const metrics = createMetrics({
    documentCounts: async () => {
      const stats = await runtime.core.stats()
      const { total: _total, ...byStatus } = stats.documents
      return byStatus
    },
    answerCache: () => runtime.answerCache.stats(),
    feedbackCounts: () => runtime.core.feedbackCounts(),
  })
  // Slack: HTTP events at /slack/events on this port, or Socket Mode when SLACK_APP_TOKEN is set.
  const slackConfig = slackSettings(config)
  // Chat SDKs are loaded only when their adapter is on: Bolt and discord.js cost seconds of start-up.
  const slack = slackConfig
    ? (await import('../adapters/slack/create-slack-adapter.ts')).createSlackAdapter({ core: runtime.core, orm: runtime.database.orm, logger, settings: slackConfig, maxFileBytes: config.MAX_FILE_BYTES })
    : null
  // Discord: a gateway connection (all of this process's shards) when DISCORD_TOKEN is set; it connects below.
  const discordConfig = discordSettings(config)
  const discord = discordConfig
    ? (await import('../adapters/discord/create-discord-adapter.ts')).createDiscordAdapter({ core: runtime.core, logger, settings: discordConfig })
    : null
  // E-mail: SMTP when SMTP_PORT is set, POST /inbound/email when INBOUND_EMAIL_TOKEN is set.
  // The chat adapters that are on post "📧 Indexed …" in the channels routes with `notify` map to.
  const email = createEmailAdapter({
    core: runtime.core,
    logger,
    settings: config,
    counters: { count: (via, outcome) => metrics.emailMessages.inc({ via, outcome }) },
    ...(slack || discord ? { notifier: combineEmailNotifiers([slack?.emailNotifier, discord?.emailNotifier]) } : {}),
  })
  const app = createAdminApp({
    core: runtime.core,
    logger,
    metrics,
    adminToken: config.ADMIN_TOKEN,
    maxFileBytes: config.MAX_FILE_BYTES,
    isReady,
    mounts: [...email.mounts, ...(slack?.mount ? [slack.mount] : [])],
    consoleSettings: () => ({ adapters: adapterStatuses(config, adminUrl), embeddingModel: runtime.embedder.model }),
  })
  await email.start()
  slack?.start().catch((error: unknown) => logger.error({ err: error }, 'Slack: could not connect (Socket Mode)'))
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    adminUrl = `http://${localHost}:${info.port}`
    for (const adapter of adapterStatuses(config, adminUrl)) {
      logger.info({ adapter: adapter.name, on: adapter.on }, `${adapter.name}: ${adapter.on ? 'on' : 'off'} — ${adapter.detail}`)
    }
    const listening = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`
    const answers = runtime.answerChain ? runtime.answerChain.labels().join(' → ') : 'extractive'
    logger.info(
      { url: listening, database: embedded ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)', embeddings: runtime.embedder.model, answers },
      `DocuQuery is ready on ${listening}${listening === adminUrl ? '' : ` (all interfaces; from this machine: ${adminUrl})`} · answers: ${answers}`,
    )
    // Written last: from here on the CLI goes through this service.
    if (embedded) {
      release()
      release = claimDataDir(config.DATA_DIR, { pid: process.pid, kind: 'service', url: adminUrl })
    }
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    // A port already taken is a setting to change, not a crash to debug.
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${config.PORT} on ${config.HOST} is already in use (another DocuQuery?); set PORT to a free one`
        : `the admin API could not listen on ${config.HOST}:${config.PORT} (${error.message})`
    process.stderr.write(`docuquery: ${reason}\n`)
    void runtime.close().finally(() => {
      release()
      process.exit(1)
    })
  })
  const recovered = await runtime.core.recover()
  if (recovered > 0) logger.info({ documents: recovered }, 'resuming documents left unfinished by the last run')
  await warnAboutOtherEmbeddingModels(runtime, logger)
  const pruneTimer = schedulePruning(runtime, logger)
  // A bad token or an unreachable gateway is logged; the rest of the service keeps running.
  discord?.start().catch((error: unknown) => logger.error({ err: error }, 'Discord: could not connect'))

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down: finishing the documents being indexed')
    clearInterval(pruneTimer)
    server.close()
    await discord?.stop()
    await slack?.stop()
    await email.close()
    await runtime.close()
    release()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  // Config and start-up errors are for people: one clear message, no stack.
  process.stderr.write(`docuquery: ${isAppError(error) ? error.message : String(error instanceof Error ? error.stack : error)}\n`)
  process.exit(1)
})

/** A wildcard address is where the service listens, not an address to connect to: this machine reaches it on loopback. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::' || host === '[::]') return '[::1]'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

/** After EMBEDDINGS_PROVIDER changes, say what moves the index (questions are answered meanwhile). */
async function warnAboutOtherEmbeddingModels(runtime: Runtime, logger: Logger): Promise<void> {
  const others = (await runtime.core.embeddingModels()).filter((m) => m !== runtime.embedder.model)
  if (others.length === 0) return
  logger.warn(
    { current: runtime.embedder.model, others },
    `some documents are embedded with ${others.join(', ')}, not ${runtime.embedder.model}: run \`npx docuquery reindex\` to move them (questions are answered from both meanwhile)`,
  )
}

/** Event claims (platform_events) are only needed while a platform might redeliver: prune them now and every six hours. */
function schedulePruning(runtime: Runtime, logger: Logger): NodeJS.Timeout {
  const prune = () =>
    runtime.core
      .pruneEvents()
      .then((removed) => {
        if (removed > 0) logger.debug({ removed }, 'pruned old platform event claims')
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not prune platform event claims'))
  void prune()
  const timer = setInterval(prune, 6 * 60 * 60 * 1000)
  timer.unref()
  return timer
}
