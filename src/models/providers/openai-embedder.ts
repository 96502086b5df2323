import type { Embedder } from '../embed/embedder.ts'
import { AppError } from '../../platform/app-error.ts'
import { type RetryPolicy, callWithRetries } from '../call-with-retries.ts'
import { embeddingBatches } from './embedding-batches.ts'
import { createOpenAiClient, translateOpenAiError } from './openai-answer-model.ts'

export interface OpenAiEmbedderSettings {
  apiKey: string | undefined
  baseURL?: string | undefined
  model: string
  dimensions: number
  /** Ask the API for shorter vectors (text-embedding-3 models support it). */
  requestDimensions: boolean
  policy: RetryPolicy
}

// OpenAI allows 2,048 inputs and 300,000 tokens per request; stay well inside.
const LIMITS = { maxInputs: 512, maxTokens: 200_000 }

/** OpenAI embeddings (and OpenAI-compatible servers), batched and retried. */
export function createOpenAiEmbedder(settings: OpenAiEmbedderSettings): Embedder {
  const client = createOpenAiClient(settings)
  return {
    model: `openai:${settings.model}`,
    dimensions: settings.dimensions,
    async embed(texts: readonly string[]): Promise<number[][]> {
      const vectors: number[][] = []
      for (const batch of embeddingBatches(texts, LIMITS)) {
        const response = await callWithRetries('openai', settings.policy, async (signal) => {
          try {
            return await client.embeddings.create(
              {
                model: settings.model,
                input: batch,
                encoding_format: 'float',
                ...(settings.requestDimensions ? { dimensions: settings.dimensions } : {}),
              },
              { signal },
            )
          } catch (error) {
            throw translateOpenAiError(error)
          }
        })
        const ordered = [...response.data].sort((a, b) => a.index - b.index)
        for (const item of ordered) vectors.push(checkDimensions(item.embedding, settings.dimensions, settings.model))
      }
      return vectors
    },
  }
}

export function checkDimensions(vector: number[], expected: number, model: string): number[] {
  if (vector.length !== expected) {
    throw new AppError('invalid_input', `${model} returned ${vector.length} dimensions, expected ${expected} (set EMBEDDINGS_DIMENSIONS)`, {
      retryable: false,
    })
  }
  return vector
}
