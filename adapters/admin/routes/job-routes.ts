import { Hono } from 'hono'
import { z } from 'zod'
import type { AdminEnv } from '../admin-env.ts'
import type { AdminDeps } from '../admin-deps.ts'
import { hasBody, jsonBody } from '../json-body.ts'
import { readJson } from '../read-json.ts'
import { pathId } from '../route-input.ts'

// A documentId that is no UUID is answered by the core as an unknown document (404), as the CLI expects.
const reindexBody = z.object({ documentId: z.string().trim().min(1).optional() }).strict()

export function reindexRoutes(deps: Pick<AdminDeps, 'core'>) {
  return new Hono<AdminEnv>().post('/', jsonBody({ optional: true }), async (c) => {
    const body = hasBody(c) ? await readJson(c, reindexBody) : {}
    const job = await deps.core.reindex(body.documentId)
    return c.json(job, 202)
  })
}

export function jobRoutes(deps: Pick<AdminDeps, 'core'>) {
  return new Hono<AdminEnv>().get('/:id', async (c) => c.json(await deps.core.job(pathId(c, 'job'))))
}
