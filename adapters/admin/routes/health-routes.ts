import { Hono } from 'hono'
import type { AdminEnv } from '../admin-env.ts'
import type { AdminDeps } from '../admin-deps.ts'

export function healthRoutes(deps: Pick<AdminDeps, 'isReady'>) {
  return new Hono<AdminEnv>()
    .get('/live', (c) => c.json({ status: 'ok' }))
    .get('/ready', async (c) => {
      const ready = await deps.isReady().catch(() => false)
      return ready ? c.json({ status: 'ready' }) : c.json({ status: 'unavailable' }, 503)
    })
}
