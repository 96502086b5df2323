import { answerJson, MAX_QUESTION_CHARS } from '../../../src/index.ts'
import { createRoute, z } from '@hono/zod-openapi'
import type { AdminDeps } from '../admin-deps.ts'
import { jsonBody } from '../json-body.ts'
import { apiRouter } from '../openapi/api-router.ts'
import { AskResult, adminSecurity, errorResponses, jsonContent } from '../openapi/api-schemas.ts'

const AskBody = z
  .object({
    question: z.string().trim().min(1, 'is required').max(MAX_QUESTION_CHARS),
    workspace: z.string().trim().min(1).optional().openapi({ description: 'defaults to `local`' }),
    channel: z.string().trim().min(1).nullable().optional().openapi({ description: 'ask as if from this channel; absent: from a public place' }),
  })
  .openapi('AskRequest', { example: { question: 'What is the notice period?', workspace: 'local' } })

export const askRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['ask'],
  summary: 'Answer a question from the documents (the `ask --json` object)',
  security: adminSecurity,
  middleware: [jsonBody()],
  request: { body: { content: { 'application/json': { schema: AskBody } }, required: true } },
  responses: { 200: jsonContent(AskResult, 'The answer, with its citations'), ...errorResponses(400, 401, 413, 415, 429, 503) },
})

export function askRoutes(deps: Pick<AdminDeps, 'core' | 'metrics'>) {
  return apiRouter().openapi(askRoute, async (c) => {
    const body = c.req.valid('json')
    const result = await deps.core.ask({ question: body.question, workspace: body.workspace ?? 'local', channel: body.channel ?? null })
    deps.metrics.askDuration.observe({ grounded: String(result.grounded), provider: result.provider }, result.latencyMs / 1000)
    return c.json(answerJson(result), 200)
  })
}
