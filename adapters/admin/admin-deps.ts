import type { Core } from '../../src/core/create-core.ts'
import type { Logger } from '../../src/log/logger.ts'
import type { Metrics } from '../../src/metrics/metrics.ts'

export interface AdminDeps {
  core: Core
  logger: Logger
  metrics: Metrics
  adminToken: string | undefined
  maxFileBytes: number
  /** True when the database answers; drives /health/ready. */
  isReady: () => Promise<boolean>
}
