import { AppError } from '../../platform/app-error.ts'
import type { Embedder } from '../embed/embedder.ts'
import { type RetryPolicy, callWithRetries } from '../call-with-retries.ts'
import { embeddingBatches } from './embedding-batches.ts'
import { translateGeminiError } from './gemini-answer-model.ts'
import { createGeminiClient } from './gemini-client.ts'
import { checkDimensions } from './openai-embedder.ts'

export interface GeminiEmbedderSettings {
  apiKey: string
  baseURL?: string | undefined
  model: string
  dimensions: number
  requestDimensions: boolean
  policy: RetryPolicy
}

// batchEmbedContents (what the SDK's embedContent calls on the Gemini API) takes at most 100 requests.
const LIMITS = { maxInputs: 100, maxTokens: 100_000 }

/** Gemini embeddings with the retrieval task types (documents and queries are embedded differently). */
export function createGeminiEmbedder(settings: GeminiEmbedderSettings): Embedder {
  const client = createGeminiClient(settings)
  return {
    model: `gemini:${settings.model}`,
    dimensions: settings.dimensions,
    async embed(texts: readonly string[], purpose: 'document' | 'query'): Promise<number[][]> {
      const taskType = purpose === 'query' ? 'RETRIEVAL_QUERY' : 'RETRIEVAL_DOCUMENT'
      const vectors: number[][] = []
      for (const batch of embeddingBatches(texts, LIMITS)) {
        const response = await callWithRetries('gemini', settings.policy, async (signal) => {
          try {
            return await client.models.embedContent({
              model: settings.model,
              contents: batch.map((text) => ({ role: 'user', parts: [{ text }] })),
              config: { taskType, abortSignal: signal, ...(settings.requestDimensions ? { outputDimensionality: settings.dimensions } : {}) },
            })
          } catch (error) {
            throw translateGeminiError(error)
          }
        })
        const embeddings = response.embeddings ?? []
        if (embeddings.length !== batch.length) throw new AppError('provider_unavailable', `gemini returned ${embeddings.length} embeddings for ${batch.length} texts`, { context: { provider: 'gemini' } })
        for (const embedding of embeddings) vectors.push(checkDimensions(embedding.values ?? [], settings.dimensions, settings.model))
      }
      return vectors
    },
  }
}
