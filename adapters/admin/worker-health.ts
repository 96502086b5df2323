import type { Logger } from '../../src/index.ts'
import { type ServerType, serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { AdminEnv } from './admin-env.ts'
import { healthRoutes } from './routes/health-routes.ts'

export interface WorkerHealthSettings {
  host: string
  port: number
  isReady: () => Promise<boolean>
  logger: Logger
}

/**
 * A worker has no admin API, but container platforms (Docker HEALTHCHECK, Fly
 * checks) judge a process by HTTP: this serves only /health/live and /health/ready.
 */
export function serveWorkerHealth(settings: WorkerHealthSettings): { close(): Promise<void> } {
  const app = new Hono<AdminEnv>().route('/health', healthRoutes({ isReady: settings.isReady }))
  const server: ServerType = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }, (info) => {
    settings.logger.info({ port: info.port }, `worker health checks at http://${settings.host}:${info.port}/health/live`)
  })
  server.on('error', (error: Error) => settings.logger.error({ err: error, port: settings.port }, 'worker health checks could not listen; indexing goes on'))
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
