import type { Core, Logger, Metrics } from '../../src/index.ts'
import type { Hono } from 'hono'
import type { ConsoleSettings } from './console/console-deps.ts'

export interface AdminDeps {
  core: Core
  logger: Logger
  metrics: Metrics
  adminToken: string | undefined
  maxFileBytes: number
  /** True when the database answers; drives /health/ready. */
  isReady: () => Promise<boolean>
  /**
   * Platform webhooks (Slack events, inbound e-mail) served on the same port.
   * They bring their own authentication: /api's admin token does not apply.
   */
  mounts?: PlatformMount[]
  /** Adapters on/off and the embedding model, for the console's Settings page; absent: not shown. */
  consoleSettings?: () => ConsoleSettings
}

export interface PlatformMount {
  /** e.g. `/slack` or `/inbound`. */
  path: string
  // Each platform app declares its own env bindings.
  app: Hono<any>
}
