import { MAX_QUESTION_CHARS } from '../../../src/index.ts'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AdminEnv } from '../admin-env.ts'
import type { AdminDeps } from '../admin-deps.ts'
import { jsonBody } from '../json-body.ts'
import { readJson } from '../read-json.ts'

const askBody = z.object({
  question: z.string().trim().min(1, 'is required').max(MAX_QUESTION_CHARS),
  workspace: z.string().trim().min(1).optional(),
  channel: z.string().trim().min(1).nullable().optional(),
})

export function askRoutes(deps: Pick<AdminDeps, 'core' | 'metrics'>) {
  return new Hono<AdminEnv>().post('/', jsonBody(), async (c) => {
    const body = await readJson(c, askBody)
    const result = await deps.core.ask({ question: body.question, workspace: body.workspace ?? 'local', channel: body.channel ?? null })
    deps.metrics.askDuration.observe({ grounded: String(result.grounded), provider: result.provider }, result.latencyMs / 1000)
    return c.json(result)
  })
}
