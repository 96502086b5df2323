import { GoogleGenerativeAI, TaskType } from '@google/generative-ai'
import type { Embedder } from '../embed/embedder.ts'
import { type RetryPolicy, callWithRetries } from '../llm/call-with-retries.ts'
import { embeddingBatches } from './embedding-batches.ts'
import { translateGeminiError } from './gemini-answer-model.ts'
import { checkDimensions } from './openai-embedder.ts'

export interface GeminiEmbedderSettings {
  apiKey: string
  baseURL?: string | undefined
  model: string
  dimensions: number
  requestDimensions: boolean
  policy: RetryPolicy
}

// batchEmbedContents takes at most 100 requests.
const LIMITS = { maxInputs: 100, maxTokens: 100_000 }

/** Gemini embeddings with the retrieval task types (documents and queries are embedded differently). */
export function createGeminiEmbedder(settings: GeminiEmbedderSettings): Embedder {
  const model = new GoogleGenerativeAI(settings.apiKey).getGenerativeModel(
    { model: settings.model },
    settings.baseURL ? { baseUrl: settings.baseURL } : {},
  )
  return {
    model: `gemini:${settings.model}`,
    dimensions: settings.dimensions,
    async embed(texts: readonly string[], purpose: 'document' | 'query'): Promise<number[][]> {
      const taskType = purpose === 'query' ? TaskType.RETRIEVAL_QUERY : TaskType.RETRIEVAL_DOCUMENT
      const vectors: number[][] = []
      for (const batch of embeddingBatches(texts, LIMITS)) {
        const response = await callWithRetries('gemini', settings.policy, async (signal) => {
          try {
            return await model.batchEmbedContents(
              {
                requests: batch.map((text) => ({
                  content: { role: 'user', parts: [{ text }] },
                  taskType,
                  ...(settings.requestDimensions ? { outputDimensionality: settings.dimensions } : {}),
                })),
              },
              { signal },
            )
          } catch (error) {
            throw translateGeminiError(error)
          }
        })
        for (const embedding of response.embeddings) vectors.push(checkDimensions(embedding.values, settings.dimensions, settings.model))
      }
      return vectors
    },
  }
}
