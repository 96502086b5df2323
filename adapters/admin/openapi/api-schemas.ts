import { documentStatuses, errorCodes, feedbackReasons, feedbackValues, jobStatuses } from '../../../src/index.ts'
import { z } from '@hono/zod-openapi'

/**
 * Schemas of what the admin API answers (DESIGN.md's contracts), shared by the
 * routes and /openapi.json. Strict objects (`additionalProperties: false`): a
 * field the code sends but the spec does not document fails the spec test.
 */

export const ErrorBody = z
  .object({ error: z.strictObject({ code: z.enum(errorCodes), message: z.string() }) })
  .openapi('Error', { description: 'Every failure: a stable code and words for people, never a stack trace.' })

const failure = z.strictObject({ code: z.string(), message: z.string() })

export const Citation = z
  .object({
    documentId: z.string(),
    title: z.string(),
    source: z.string(),
    page: z.number().int().nullable(),
    score: z.number(),
    snippet: z.string(),
    link: z.string().nullable().optional(),
    sharedBy: z.string().nullable().optional().openapi({ description: 'who shared the document (platform user id or sender)' }),
    sharedIn: z.string().nullable().optional().openapi({ description: 'the channel it was shared in' }),
    sharedAt: z.string().optional().openapi({ description: 'when it was shared (ISO 8601)' }),
  })
  .openapi('Citation')

export const AskResult = z
  .object({
    answer: z.string(),
    grounded: z.boolean().openapi({ description: 'false when the relevance gate found nothing that answers the question' }),
    citations: z.array(Citation),
    cached: z.boolean(),
    latencyMs: z.number(),
    provider: z.string().openapi({ description: '`extractive`, or `<provider>:<model>`', example: 'extractive' }),
  })
  .openapi('AskResult')

export const IngestReceipt = z
  .object({
    source: z.string(),
    documentId: z.string().nullable(),
    status: z.enum(documentStatuses),
    error: failure.nullable(),
    pages: z.number().int().nullable(),
    chunks: z.number().int(),
    duplicate: z.boolean().optional(),
    replaced: z.boolean().optional(),
  })
  .openapi('IngestReceipt')

export const DocumentView = z
  .object({
    id: z.string(),
    title: z.string(),
    source: z.string(),
    origin: z.string().openapi({ description: 'cli, api, slack, discord or email' }),
    attempts: z.number().int(),
    metadata: z.record(z.string(), z.unknown()),
    status: z.enum(documentStatuses),
    error: failure.nullable(),
    pages: z.number().int().nullable(),
    chunks: z.number().int(),
    workspace: z.string().openapi({ example: 'local' }),
    visibility: z.string().openapi({ description: '`workspace`, or the one channel that may see it' }),
    channel: z.string().nullable(),
    parentId: z.string().nullable(),
    kind: z.string().nullable(),
    mimeType: z.string().nullable(),
    byteSize: z.number().int(),
    sha256: z.string(),
    link: z.string().nullable(),
    sharedBy: z.string().nullable(),
    embeddingModel: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    indexedAt: z.string().nullable(),
  })
  .openapi('Document')

export const Job = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(jobStatuses),
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Job')

const windowLimit = z.strictObject({ questions: z.number(), windowSeconds: z.number() }).nullable()

export const Stats = z
  .object({
    documents: z.strictObject({ total: z.number(), indexed: z.number(), pending: z.number(), processing: z.number(), failed: z.number() }),
    chunks: z.number(),
    pages: z.number(),
    workspaces: z.number(),
    queries: z.strictObject({
      total: z.number(),
      grounded: z.number(),
      cacheHits: z.number(),
      latencyP50Ms: z.number().nullable(),
      latencyP95Ms: z.number().nullable(),
    }),
    embeddingModels: z.array(z.string()),
    failures: z.array(z.strictObject({ code: z.string(), count: z.number() })),
    cache: z.strictObject({
      backend: z.enum(['memory', 'redis', 'off']),
      hits: z.number(),
      misses: z.number(),
      bypassed: z.number(),
      tooLarge: z.number(),
      hitRate: z.number().nullable(),
      tokensSaved: z.number(),
      entries: z.number().nullable().openapi({ description: 'entries held now (in-process only)' }),
      available: z.boolean().openapi({ description: 'false while the backing store is unreachable' }),
    }),
    answerModels: z.array(z.strictObject({ model: z.string(), breaker: z.string() })),
    feedback: z.strictObject({ helpful: z.number(), notHelpful: z.number() }).optional(),
    limits: z
      .object({
        questions: z.strictObject({ store: z.enum(['redis', 'memory']), refused: z.number(), perUser: windowLimit, perWorkspace: windowLimit }),
        tokenBudget: z
          .object({
            dailyTokens: z.number(),
            resetsAt: z.string(),
            workspaces: z.array(z.strictObject({ workspace: z.string(), tokensToday: z.number(), exhausted: z.boolean() })),
          })
          .nullable(),
      })
      .optional(),
  })
  .openapi('Stats')

const QuerySource = z.strictObject({ documentId: z.string(), title: z.string(), source: z.string(), page: z.number().int().nullable() })

export const FeedbackItem = z
  .object({
    queryId: z.string(),
    workspace: z.string(),
    channel: z.string().nullable(),
    asker: z.string().nullable(),
    question: z.string(),
    answer: z.string(),
    grounded: z.boolean(),
    sources: z.array(QuerySource),
    feedback: z.enum(feedbackValues),
    reason: z.enum(feedbackReasons).nullable(),
    note: z.string().nullable(),
    by: z.string().nullable(),
    at: z.string(),
    askedAt: z.string(),
  })
  .openapi('FeedbackItem')

/** JSON responses of a route: the success body, plus the error statuses it may answer with. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

export const errorResponses = (...statuses: Array<400 | 401 | 404 | 409 | 413 | 415 | 422 | 429 | 503>) =>
  Object.fromEntries(statuses.map((status) => [status, jsonContent(ErrorBody, errorDescriptions[status])]))

const errorDescriptions = {
  400: 'The request is malformed (invalid_input).',
  401: 'No valid admin token (unauthorized).',
  404: 'No such resource (not_found).',
  409: 'Conflicts with the current state (conflict).',
  413: 'The body is over the size limit (too_large).',
  415: 'The body is not of a type this route takes (unsupported_type).',
  422: 'The document cannot be read.',
  429: 'Too many requests (rate_limited); see Retry-After.',
  503: 'An answer service is unavailable (provider_unavailable).',
} as const

/** Every /api route needs the admin token (or, without ADMIN_TOKEN, a loopback client). */
export const adminSecurity = [{ adminToken: [] }]
