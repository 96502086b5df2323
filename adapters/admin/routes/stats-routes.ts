import { Hono } from 'hono'
import type { AdminEnv } from '../admin-env.ts'
import type { AdminDeps } from '../admin-deps.ts'

export function statsRoutes(deps: Pick<AdminDeps, 'core'>) {
  return new Hono<AdminEnv>().get('/', async (c) => c.json(await deps.core.stats()))
}
