import type { Config } from '../../platform/config/config-schema.ts'
import type { Embedder } from '../embed/embedder.ts'
import { createHashingEmbedder } from '../embed/hashing-embedder.ts'
import { createLocalModelEmbedder } from '../embed/local-model/local-model-embedder.ts'
import { AppError } from '../../platform/app-error.ts'
import type { RetryPolicy } from '../call-with-retries.ts'
import { knownEmbeddingDimensions } from './embedding-batches.ts'
import { createGeminiEmbedder } from './gemini-embedder.ts'
import { createOpenAiEmbedder } from './openai-embedder.ts'

export interface Embedders {
  /** New chunks are embedded with this one. */
  primary: Embedder
  /**
   * Every embedder the config can build, primary first: while `reindex` moves
   * the index to a new model, questions are embedded with each model that
   * still has chunks, so documents not yet moved stay findable.
   */
  all: Embedder[]
}

const defaultModels = { openai: 'text-embedding-3-small', gemini: 'text-embedding-004' }

// Indexing runs in the background: be patient with a busy provider.
const embeddingPolicy: RetryPolicy = {
  retries: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 60_000,
  retryTimeouts: true,
}

export async function buildEmbedders(config: Config): Promise<Embedders> {
  const local = createHashingEmbedder()
  // Loaded only when asked for: the model folder's runtime (onnxruntime-node) is an install of its own.
  const modelFolder = config.EMBEDDINGS_PROVIDER === 'local' && config.EMBEDDINGS_MODEL_DIR ? await createLocalModelEmbedder(config.EMBEDDINGS_MODEL_DIR) : null
  const openai = config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? buildOpenAi(config) : null
  const gemini = config.GEMINI_API_KEY ? buildGemini(config) : null
  const primary = config.EMBEDDINGS_PROVIDER === 'openai' ? openai : config.EMBEDDINGS_PROVIDER === 'gemini' ? gemini : (modelFolder ?? local)
  if (!primary) throw new AppError('invalid_input', `EMBEDDINGS_PROVIDER is ${config.EMBEDDINGS_PROVIDER}, but its key is not set`)
  const all = [primary, local, openai, gemini].filter((e): e is Embedder => e !== null)
  return { primary, all: all.filter((e, i) => all.findIndex((o) => o.model === e.model) === i) }
}

/** The model and size to use for `provider`: the configured ones when it is the chosen provider, its default otherwise. */
function sizing(config: Config, provider: 'openai' | 'gemini') {
  const chosen = config.EMBEDDINGS_PROVIDER === provider
  const model = (chosen && config.EMBEDDINGS_MODEL) || defaultModels[provider]
  const dimensions = dimensionsOf(model, chosen ? config.EMBEDDINGS_DIMENSIONS : undefined)
  // A model other than the chosen one is only used for questions during a switch; unknown sizes are skipped.
  if (dimensions === null) return chosen ? missingDimensions(model) : null
  return { model, dimensions, shortened: chosen && config.EMBEDDINGS_DIMENSIONS !== undefined }
}

function buildOpenAi(config: Config): Embedder | null {
  const size = sizing(config, 'openai')
  if (!size) return null
  return createOpenAiEmbedder({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: size.model,
    dimensions: size.dimensions,
    requestDimensions: size.shortened && size.model.startsWith('text-embedding-3'),
    policy: embeddingPolicy,
  })
}

function buildGemini(config: Config): Embedder | null {
  const size = sizing(config, 'gemini')
  if (!size) return null
  return createGeminiEmbedder({
    apiKey: config.GEMINI_API_KEY ?? '',
    baseURL: config.GEMINI_BASE_URL,
    model: size.model,
    dimensions: size.dimensions,
    requestDimensions: size.shortened,
    policy: embeddingPolicy,
  })
}

function dimensionsOf(model: string, configured: number | undefined): number | null {
  return configured ?? knownEmbeddingDimensions[model] ?? null
}

function missingDimensions(model: string): never {
  throw new AppError('invalid_input', `the size of ${model}'s vectors is not known: set EMBEDDINGS_DIMENSIONS`)
}
