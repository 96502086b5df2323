import { Hono } from 'hono'
import { z } from 'zod'
import type { AdminEnv } from '../admin-env.ts'
import type { AdminDeps } from '../admin-deps.ts'
import { readJson } from '../read-json.ts'

const reindexBody = z.object({ documentId: z.string().trim().min(1).optional() }).strict()

export function reindexRoutes(deps: Pick<AdminDeps, 'core'>) {
  return new Hono<AdminEnv>().post('/', async (c) => {
    const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined
    const body = hasBody ? await readJson(c, reindexBody) : {}
    const job = await deps.core.reindex(body.documentId)
    return c.json(job, 202)
  })
}

export function jobRoutes(deps: Pick<AdminDeps, 'core'>) {
  return new Hono<AdminEnv>().get('/:id', async (c) => c.json(await deps.core.job(c.req.param('id'))))
}
