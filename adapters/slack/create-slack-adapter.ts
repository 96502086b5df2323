import type { Core, Logger, Orm } from '../../src/index.ts'
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt'
import type { RetryOptions } from '@slack/web-api'
import { Hono } from 'hono'
import pLimit from 'p-limit'
import type { PlatformMount } from '../admin/admin-deps.ts'
import type { EmailNotifier } from '../email/email-notifier.ts'
import { createChannelScope } from './channel-scope.ts'
import { slackFileOrigins } from './download-file.ts'
import { HonoReceiver } from './hono-receiver.ts'
import { createInstallationStore } from './installation-store.ts'
import { registerCommands } from './listeners/command-listener.ts'
import { registerFileDeleted } from './listeners/file-deleted-listener.ts'
import { registerFileShares } from './listeners/file-share-listener.ts'
import { registerMentions } from './listeners/mention-listener.ts'
import { oauthRoutes } from './oauth-routes.ts'
import type { SlackContext } from './slack-context.ts'
import { createSlackEmailNotifier } from './slack-email-notifier.ts'
import { createSlackFileStore } from './slack-file-store.ts'

export interface SlackSettings {
  signingSecret?: string | undefined
  /** One workspace. */
  botToken?: string | undefined
  /** OAuth install: many workspaces, installations in the database. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string } | undefined
  /** Socket Mode (with botToken): events over a websocket, no public URL needed. */
  appToken?: string | undefined
  /** Web API base, e.g. https://slack-gov.com/api/ for GovSlack. */
  apiUrl?: string | undefined
  answerBots: boolean
}

export interface SlackAdapterDeps {
  core: Core
  /** For the Slack-only tables: installations and which file carries which document. */
  orm: Orm
  logger: Logger
  settings: SlackSettings
  maxFileBytes: number
  /** Tuning for tests and the bench; the defaults suit Slack. */
  timing?: Partial<Pick<SlackContext, 'indexPollMs' | 'indexWaitMs' | 'minUpdateIntervalMs'>> & { retry?: RetryOptions }
}

export interface SlackAdapter {
  mode: 'http' | 'socket'
  /** Routes for the admin server (`/slack/events`, and `/slack/install`, `/slack/oauth_redirect` with OAuth). */
  mount: PlatformMount | null
  start(): Promise<void>
  /** Announces indexed e-mails in the Slack channels their routes map to (`slack:T…` workspaces). */
  emailNotifier: EmailNotifier
  /** Resolves when every event received so far has been handled (tests, shutdown). */
  idle(): Promise<void>
  stop(): Promise<void>
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/'

/** The Slack door: Bolt with DocuQuery's listeners, served over HTTP on the admin port or over Socket Mode. */
export function createSlackAdapter(deps: SlackAdapterDeps): SlackAdapter {
  const { settings, logger } = deps
  const apiUrl = settings.apiUrl ?? DEFAULT_SLACK_API_URL
  const installations = createInstallationStore(deps.orm)
  const socketMode = Boolean(settings.appToken)
  const receiver = socketMode ? null : new HonoReceiver({ signingSecret: settings.signingSecret ?? '', logger })
  const app = new App({
    ...(receiver ? { receiver } : { socketMode: true, appToken: settings.appToken }),
    ...(settings.oauth ? { authorize: installations.authorize } : { token: settings.botToken }),
    logger: boltLogger(logger),
    convoStore: false,
    clientOptions: {
      slackApiUrl: apiUrl,
      // 429s wait Retry-After inside the client; these retries cover network errors and 5xx.
      retryConfig: deps.timing?.retry ?? { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true },
    },
  })
  const ctx: SlackContext = {
    core: deps.core,
    logger,
    files: createSlackFileStore(deps.orm),
    channels: createChannelScope(),
    answerBots: settings.answerBots,
    maxFileBytes: deps.maxFileBytes,
    filePolicy: slackFileOrigins(settings.apiUrl),
    indexPollMs: deps.timing?.indexPollMs ?? 500,
    indexWaitMs: deps.timing?.indexWaitMs ?? 10 * 60 * 1000,
    minUpdateIntervalMs: deps.timing?.minUpdateIntervalMs ?? 1000,
    // PGlite and retrieval share the event loop with the HTTP server: fewer jobs
    // interleaved means a new Slack request waits behind less work before its ack.
    limit: pLimit(2),
  }
  registerMentions(app, ctx)
  registerFileShares(app, ctx)
  registerFileDeleted(app, ctx)
  registerCommands(app, ctx)
  // Bolt skips authorize for these two, so they arrive even when the token is already gone.
  const installKey = (context: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }) =>
    context.isEnterpriseInstall ? context.enterpriseId : context.teamId
  app.event('app_uninstalled', async ({ context }) => {
    const key = installKey(context)
    if (settings.oauth && key) await installations.remove(key)
  })
  app.event('tokens_revoked', async ({ event, context }) => {
    // Only the bot token matters: a revoked user token (the installer's) leaves the bot working.
    const key = installKey(context)
    if (settings.oauth && key && (event.tokens.bot?.length ?? 0) > 0) await installations.remove(key)
  })
  // The last resort: anything a listener did not turn into words is logged, never thrown at Bolt.
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'Slack listener failed')
  })

  let mount: PlatformMount | null = null
  if (receiver) {
    const routes = new Hono()
    routes.route('/', receiver.routes())
    if (settings.oauth) routes.route('/', oauthRoutes({ ...settings.oauth, apiUrl, store: installations, logger }))
    mount = { path: '/slack', app: routes }
  }
  // One token: the team it belongs to is asked once (auth.test), and retried after a failure.
  let singleTeam: Promise<string | undefined> | null = null
  const botTokenFor = async (teamId: string): Promise<string | null> => {
    if (settings.oauth) return await installations.botTokenFor(teamId)
    const token = settings.botToken
    if (!token) return null
    singleTeam ??= app.client.auth.test({ token }).then((r) => r.team_id)
    const team = await singleTeam.catch((error: unknown) => {
      singleTeam = null
      throw error
    })
    return team === teamId ? token : null
  }
  return {
    mode: socketMode ? 'socket' : 'http',
    mount,
    emailNotifier: createSlackEmailNotifier({ client: app.client, botTokenFor, logger }),
    async start() {
      if (socketMode) await app.start()
    },
    idle: () => receiver?.idle() ?? Promise.resolve(),
    async stop() {
      await receiver?.idle()
      if (socketMode) await app.stop()
    },
  }
}

/** Bolt logs through DocuQuery's pino logger. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')
  return {
    debug: (...args: unknown[]) => logger.debug({ source: 'bolt' }, text(args)),
    info: (...args: unknown[]) => logger.info({ source: 'bolt' }, text(args)),
    warn: (...args: unknown[]) => logger.warn({ source: 'bolt' }, text(args)),
    error: (...args: unknown[]) => logger.error({ source: 'bolt' }, text(args)),
    setLevel: (next: LogLevel) => {
      level = next
    },
    getLevel: () => level,
    setName: () => {},
  }
}
