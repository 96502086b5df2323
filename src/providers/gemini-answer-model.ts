import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIResponseError,
} from '@google/generative-ai'
import { AppError } from '../errors/app-error.ts'
import type { AnswerModel, Generation, GenerationOptions, GenerationRequest } from '../llm/answer-model.ts'
import { providerHttpError, providerNetworkError } from '../llm/provider-error.ts'
import { retryDelayFromGoogleDetails } from '../llm/retry-after.ts'

export interface GeminiSettings {
  apiKey: string
  baseURL?: string | undefined
  model: string
}

/** Gemini through @google/generative-ai; the system prompt goes in `systemInstruction`. */
export function createGeminiAnswerModel(settings: GeminiSettings): AnswerModel {
  const client = new GoogleGenerativeAI(settings.apiKey)
  return {
    provider: 'gemini',
    model: settings.model,
    async generate(request: GenerationRequest, options: GenerationOptions): Promise<Generation> {
      const model = client.getGenerativeModel(
        { model: settings.model, systemInstruction: request.system, generationConfig: { maxOutputTokens: request.maxTokens } },
        settings.baseURL ? { baseUrl: settings.baseURL } : {},
      )
      const contents = request.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }))
      try {
        if (!options.onText) {
          const { response } = await model.generateContent({ contents }, { signal: options.signal })
          return {
            text: response.text(),
            tokensIn: response.usageMetadata?.promptTokenCount ?? null,
            tokensOut: response.usageMetadata?.candidatesTokenCount ?? null,
            stopReason: response.candidates?.[0]?.finishReason ?? null,
          }
        }
        const streamed = await model.generateContentStream({ contents }, { signal: options.signal })
        let text = ''
        for await (const chunk of streamed.stream) {
          const delta = chunk.text()
          if (delta) {
            text += delta
            options.onText(text)
          }
        }
        const response = await streamed.response
        return {
          text,
          tokensIn: response.usageMetadata?.promptTokenCount ?? null,
          tokensOut: response.usageMetadata?.candidatesTokenCount ?? null,
          stopReason: response.candidates?.[0]?.finishReason ?? null,
        }
      } catch (error) {
        throw translateGeminiError(error)
      }
    },
  }
}

export function translateGeminiError(error: unknown): unknown {
  if (error instanceof GoogleGenerativeAIAbortError) return error
  if (error instanceof GoogleGenerativeAIFetchError) {
    // The SDK's message starts with the URL; people need Google's own words.
    const message = /\] (.*?)(?: \[\{.*)?$/s.exec(error.message)?.[1] ?? error.statusText ?? 'request failed'
    const retryAfter = retryDelayFromGoogleDetails(error.errorDetails)
    // Google answers a bad key with 400 INVALID_ARGUMENT / API_KEY_INVALID.
    const badKey = JSON.stringify(error.errorDetails ?? []).includes('API_KEY_INVALID')
    return providerHttpError({ provider: 'gemini', status: badKey ? 401 : (error.status ?? 500), retryAfterMs: retryAfter, cause: error }, message)
  }
  if (error instanceof GoogleGenerativeAIResponseError) {
    return new AppError('invalid_input', `gemini declined to answer (${error.message})`, { cause: error, retryable: false, context: { provider: 'gemini' } })
  }
  if (error instanceof GoogleGenerativeAIError) return providerNetworkError('gemini', error)
  return error
}
