import type { Core, Logger, Metrics } from '../../src/index.ts'
import type { Hono } from 'hono'

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
}

export interface PlatformMount {
  /** e.g. `/slack` or `/inbound`. */
  path: string
  // Each platform app declares its own env bindings.
  app: Hono<any>
}
