import { AppError, type Config, type Core, type Logger } from '../../src/index.ts'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { DNSResolver } from 'mailauth'
import type { PlatformMount } from '../admin/admin-deps.ts'
import { type EmailCounters, noopEmailCounters } from './email-counters.ts'
import type { EmailNotifier } from './email-notifier.ts'
import { emailAdminRoutes } from './email-admin-routes.ts'
import { inboundEmailRoutes } from './inbound-email-route.ts'
import { createEmailReceiver } from './receive-email.ts'
import { createRouteTable } from './route-table.ts'
import { createAuthenticityCheck } from './sender-authenticity.ts'
import { createSenderPolicy } from './sender-policy.ts'
import { createSmtpListener } from './smtp-listener.ts'
import { createIndexWatcher } from './watch-indexing.ts'

/** The e-mail door's settings: its part of the parsed config. */
export type EmailSettings = Pick<
  Config,
  | 'DATA_DIR'
  | 'ADMIN_TOKEN'
  | 'SMTP_PORT'
  | 'SMTP_HOST'
  | 'SMTP_TLS_CERT'
  | 'SMTP_TLS_KEY'
  | 'EMAIL_ROUTES_FILE'
  | 'EMAIL_ALLOWED_SENDERS'
  | 'EMAIL_RECIPIENT_DOMAINS'
  | 'MAX_EMAIL_BYTES'
  | 'INBOUND_EMAIL_TOKEN'
  | 'EMAIL_REQUIRE_AUTH'
>

export interface EmailAdapterDeps {
  core: Core
  logger: Logger
  settings: EmailSettings
  counters?: EmailCounters
  /** Posts "📧 Indexed …" in mapped channels (routes with `notify`); Slack/Discord provide one. */
  notifier?: EmailNotifier
  /** DNS for DKIM keys and DMARC policies; the system resolver when absent. */
  resolver?: DNSResolver
}

/**
 * Builds the e-mail door from its settings: the SMTP listener when SMTP_PORT
 * is set, the `/inbound/email` webhook when INBOUND_EMAIL_TOKEN is set, both
 * on one receiver. A bad routes file or half a TLS pair stops start-up.
 */
export function createEmailAdapter(deps: EmailAdapterDeps) {
  const config = deps.settings
  if (Boolean(config.SMTP_TLS_CERT) !== Boolean(config.SMTP_TLS_KEY)) {
    throw new AppError('invalid_input', 'SMTP_TLS_CERT and SMTP_TLS_KEY must be set together (PEM file paths)')
  }
  // Without EMAIL_ROUTES_FILE, routes added through the admin API are kept in DATA_DIR.
  const router = createRouteTable(config.EMAIL_ROUTES_FILE ?? path.join(config.DATA_DIR, 'email-routes.json'), config.EMAIL_RECIPIENT_DOMAINS)
  const senders = createSenderPolicy(config.EMAIL_ALLOWED_SENDERS)
  const counters = deps.counters ?? noopEmailCounters
  const watcher = deps.notifier ? createIndexWatcher(deps.core, deps.notifier, deps.logger) : undefined
  const receive = createEmailReceiver({
    core: deps.core,
    router,
    senders,
    authenticity: createAuthenticityCheck({ requirement: config.EMAIL_REQUIRE_AUTH, ...(deps.resolver ? { resolver: deps.resolver } : {}) }),
    maxBytes: config.MAX_EMAIL_BYTES,
    counters,
    logger: deps.logger,
    ...(watcher ? { watcher } : {}),
  })
  const smtp =
    config.SMTP_PORT === undefined
      ? null
      : createSmtpListener(
          { receive, router, senders, counters, logger: deps.logger },
          {
            host: config.SMTP_HOST,
            port: config.SMTP_PORT,
            maxBytes: config.MAX_EMAIL_BYTES,
            ...(config.SMTP_TLS_CERT && config.SMTP_TLS_KEY ? { tls: readTls(config.SMTP_TLS_CERT, config.SMTP_TLS_KEY) } : {}),
          },
        )
  const mounts: PlatformMount[] = [{ path: '/api/email', app: emailAdminRoutes({ table: router, adminToken: config.ADMIN_TOKEN, logger: deps.logger }) }]
  if (config.INBOUND_EMAIL_TOKEN) {
    mounts.push({ path: '/inbound', app: inboundEmailRoutes({ receive, token: config.INBOUND_EMAIL_TOKEN, maxBytes: config.MAX_EMAIL_BYTES, counters, logger: deps.logger }) })
  }

  return {
    receive,
    mounts,
    /** Starts the SMTP listener (if configured); resolves with its port, or null. */
    async start(): Promise<number | null> {
      if (!smtp) return null
      try {
        return await smtp.listen()
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause)
        throw new AppError('invalid_input', `the SMTP listener could not start on ${config.SMTP_HOST}:${config.SMTP_PORT} (${reason})`, { cause })
      }
    },
    async close(): Promise<void> {
      await smtp?.close()
      await watcher?.close()
    },
    /** Resolves when pending channel notifications are sent. */
    settle: async () => await watcher?.settle(),
  }
}

export type EmailAdapter = ReturnType<typeof createEmailAdapter>

function readTls(certPath: string, keyPath: string): { cert: Buffer; key: Buffer } {
  try {
    return { cert: readFileSync(certPath), key: readFileSync(keyPath) }
  } catch (cause) {
    throw new AppError('invalid_input', `SMTP_TLS_CERT / SMTP_TLS_KEY could not be read (${certPath}, ${keyPath})`, { cause })
  }
}
