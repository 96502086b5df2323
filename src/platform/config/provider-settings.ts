import { z } from 'zod'

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional()

const optionalUrl = optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional())

function flag(fallback: boolean) {
  return z
    .enum(['true', 'false', '1', '0', ''])
    .default(fallback ? 'true' : 'false')
    .transform((v) => (v === '' ? fallback : v === 'true' || v === '1'))
}

export const answerProviders = ['anthropic', 'openai', 'gemini'] as const
export type AnswerProvider = (typeof answerProviders)[number]

/** Answer models and embeddings (issue 3). Part of configSchema; documented in `.env.example`. */
export const providerSettings = {
  LLM_PROVIDERS: optionalString.pipe(
    z
      .string()
      .transform((v) => v.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.enum(answerProviders, { error: `each must be one of ${answerProviders.join(', ')}` })))
      .optional(),
  ),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: z.string().trim().min(1).default('claude-sonnet-4-6'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  GEMINI_API_KEY: optionalString,
  GEMINI_BASE_URL: optionalUrl,
  GEMINI_MODEL: z.string().trim().min(1).default('gemini-2.5-flash'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  LLM_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  LLM_MAX_RETRY_AFTER_MS: z.coerce.number().int().min(0).default(3_000),
  LLM_BREAKER_FAILURES: z.coerce.number().int().min(1).default(3),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).default(30_000),
  MAX_ANSWER_TOKENS: z.coerce.number().int().min(16).max(32_000).default(600),
  CONTEXT_TOKEN_BUDGET: z.coerce.number().int().min(200).max(200_000).default(3_000),
  // With an answer model: one call rewrites each question for search, one orders the best passages.
  LLM_REWRITE_QUESTIONS: flag(true),
  LLM_RERANK_PASSAGES: flag(true),
  LLM_RERANK_DEPTH: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(2).max(50).default(20)),
  EMBEDDINGS_PROVIDER: z.enum(['local', 'openai', 'gemini']).default('local'),
  EMBEDDINGS_MODEL: optionalString,
  EMBEDDINGS_DIMENSIONS: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(8).max(16_000).optional()),
  // A sentence-transformers ONNX export in a folder, run in process (EMBEDDINGS_PROVIDER=local).
  EMBEDDINGS_MODEL_DIR: optionalString,
}

type ProviderKeys = keyof typeof providerSettings
type ProviderValues = { [K in ProviderKeys]?: unknown } & {
  LLM_PROVIDERS?: AnswerProvider[] | undefined
  EMBEDDINGS_PROVIDER?: string
  EMBEDDINGS_MODEL?: string | undefined
  EMBEDDINGS_DIMENSIONS?: number | undefined
  EMBEDDINGS_MODEL_DIR?: string | undefined
}

/** A provider named without its key (local OpenAI-compatible servers need only a URL). */
export function providerProblems(c: ProviderValues): Array<[ProviderKeys, string]> {
  const problems: Array<[ProviderKeys, string]> = []
  const usable = (p: AnswerProvider) =>
    p === 'anthropic' ? Boolean(c.ANTHROPIC_API_KEY) : p === 'gemini' ? Boolean(c.GEMINI_API_KEY) : Boolean(c.OPENAI_API_KEY || c.OPENAI_BASE_URL)
  for (const provider of c.LLM_PROVIDERS ?? []) {
    if (!usable(provider)) {
      const key = provider === 'openai' ? 'OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)' : `${provider.toUpperCase()}_API_KEY`
      problems.push(['LLM_PROVIDERS', `names ${provider}, but ${key} is not set`])
    }
  }
  if (c.EMBEDDINGS_PROVIDER === 'openai' && !usable('openai')) problems.push(['EMBEDDINGS_PROVIDER', 'is openai, but OPENAI_API_KEY (or OPENAI_BASE_URL) is not set'])
  if (c.EMBEDDINGS_PROVIDER === 'gemini' && !usable('gemini')) problems.push(['EMBEDDINGS_PROVIDER', 'is gemini, but GEMINI_API_KEY is not set'])
  if (c.EMBEDDINGS_MODEL_DIR && c.EMBEDDINGS_PROVIDER !== 'local') {
    problems.push(['EMBEDDINGS_MODEL_DIR', `is a local model folder, used with EMBEDDINGS_PROVIDER=local (not ${c.EMBEDDINGS_PROVIDER ?? 'unset'})`])
  }
  return problems
}

/** The answer models in the order they are tried: LLM_PROVIDERS, or every provider with a key (or, for OpenAI, a base URL). */
export function answerProviderOrder(c: ProviderValues): AnswerProvider[] {
  if (c.LLM_PROVIDERS) return [...new Set(c.LLM_PROVIDERS)]
  // An OpenAI-compatible local server (Ollama, vLLM) needs only its URL.
  return answerProviders.filter((p) => (p === 'anthropic' ? c.ANTHROPIC_API_KEY : p === 'gemini' ? c.GEMINI_API_KEY : c.OPENAI_API_KEY || c.OPENAI_BASE_URL))
}
