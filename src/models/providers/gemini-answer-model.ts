import { ApiError, type GenerateContentResponse } from '@google/genai'
import { AppError } from '../../platform/app-error.ts'
import type { AnswerModel, Generation, GenerationOptions, GenerationRequest } from '../answer-model.ts'
import { providerHttpError, providerNetworkError } from '../provider-error.ts'
import { retryDelayFromGoogleDetails } from '../retry-after.ts'
import { createGeminiClient } from './gemini-client.ts'

export interface GeminiSettings {
  apiKey: string
  baseURL?: string | undefined
  model: string
}

/** Gemini through @google/genai; the system prompt goes in `systemInstruction`. */
export function createGeminiAnswerModel(settings: GeminiSettings): AnswerModel {
  const client = createGeminiClient(settings)
  return {
    provider: 'gemini',
    model: settings.model,
    async generate(request: GenerationRequest, options: GenerationOptions): Promise<Generation> {
      const params = {
        model: settings.model,
        contents: request.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] })),
        config: { systemInstruction: request.system, maxOutputTokens: request.maxTokens, abortSignal: options.signal },
      }
      try {
        if (!options.onText) {
          const response = await client.models.generateContent(params)
          return { text: answerText(response), ...usageOf(response) }
        }
        let text = ''
        let last: GenerateContentResponse | null = null
        for await (const chunk of await client.models.generateContentStream(params)) {
          last = chunk
          const delta = answerText(chunk)
          if (delta) {
            text += delta
            options.onText(text)
          }
        }
        return { text, ...usageOf(last) }
      } catch (error) {
        throw translateGeminiError(error)
      }
    },
  }
}

// Google answers a blocked prompt or answer with HTTP 200 and no text; the
// SDK returns that silently, so it is named here instead of read as "".
const blockedFinishReasons = new Set(['SAFETY', 'RECITATION', 'LANGUAGE', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII'])

function answerText(response: GenerateContentResponse): string {
  const blockReason = response.promptFeedback?.blockReason
  const candidate = response.candidates?.[0]
  if (!candidate && blockReason) throw declined(`the question was blocked: ${blockReason}`)
  const finish = candidate?.finishReason
  if (finish && blockedFinishReasons.has(finish)) throw declined(`the answer was stopped: ${finish}`)
  return (candidate?.content?.parts ?? []).map((part) => (part.thought ? '' : (part.text ?? ''))).join('')
}

function usageOf(response: GenerateContentResponse | null): Omit<Generation, 'text'> {
  return {
    tokensIn: response?.usageMetadata?.promptTokenCount ?? null,
    tokensOut: response?.usageMetadata?.candidatesTokenCount ?? null,
    stopReason: response?.candidates?.[0]?.finishReason ?? null,
  }
}

const declined = (why: string) => new AppError('invalid_input', `gemini declined to answer (${why})`, { retryable: false, context: { provider: 'gemini' } })

interface GoogleErrorBody {
  error?: { message?: string; status?: string; details?: unknown[] }
}

export function translateGeminiError(error: unknown): unknown {
  if (error instanceof ApiError) {
    // The SDK's message is Google's JSON error body (after "got status: …" when streamed).
    const body = parseErrorBody(error.message)
    const retryAfter = retryDelayFromGoogleDetails(body?.error?.details)
    // Google answers a bad key with 400 INVALID_ARGUMENT / API_KEY_INVALID.
    const badKey = JSON.stringify(body?.error?.details ?? []).includes('API_KEY_INVALID')
    const message = body?.error?.message ?? body?.error?.status ?? 'request failed'
    return providerHttpError({ provider: 'gemini', status: badKey ? 401 : error.status, retryAfterMs: retryAfter, cause: error }, message)
  }
  if (error instanceof Error && error.name === 'AbortError') return error
  // fetch itself failing (DNS, refused connection, reset) is a TypeError.
  if (error instanceof TypeError) return providerNetworkError('gemini', error)
  return error
}

function parseErrorBody(message: string): GoogleErrorBody | null {
  const start = message.indexOf('{')
  if (start < 0) return null
  try {
    return JSON.parse(message.slice(start)) as GoogleErrorBody
  } catch {
    return null
  }
}
