import OpenAI from 'openai'
import type { AnswerModel, Generation, GenerationOptions, GenerationRequest } from '../answer-model.ts'
import { providerHttpError, providerNetworkError } from '../provider-error.ts'
import { retryAfterMs } from '../retry-after.ts'
import { lateFetch } from './late-fetch.ts'

export interface OpenAiSettings {
  /** Local servers (Ollama, vLLM, LM Studio) need none. */
  apiKey: string | undefined
  baseURL?: string | undefined
  model: string
}

/**
 * OpenAI chat completions, and any server that speaks the same API. Official
 * OpenAI models take `max_completion_tokens`; local servers know `max_tokens`.
 */
export function createOpenAiAnswerModel(settings: OpenAiSettings): AnswerModel {
  const client = createOpenAiClient(settings)
  const official = !settings.baseURL || /(^|\.)openai\.com(\/|$)/.test(new URL(settings.baseURL).host)
  return {
    provider: 'openai',
    model: settings.model,
    async generate(request: GenerationRequest, options: GenerationOptions): Promise<Generation> {
      const params = {
        model: settings.model,
        messages: [{ role: 'system' as const, content: request.system }, ...request.messages],
        ...(official ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }),
      }
      try {
        if (!options.onText) {
          const completion = await client.chat.completions.create(params, { signal: options.signal })
          const choice = completion.choices[0]
          return {
            text: choice?.message.content ?? '',
            tokensIn: completion.usage?.prompt_tokens ?? null,
            tokensOut: completion.usage?.completion_tokens ?? null,
            stopReason: choice?.finish_reason ?? null,
          }
        }
        const stream = await client.chat.completions.create(
          { ...params, stream: true, stream_options: { include_usage: true } },
          { signal: options.signal },
        )
        const result: Generation = { text: '', tokensIn: null, tokensOut: null, stopReason: null }
        for await (const chunk of stream) {
          const choice = chunk.choices[0]
          const delta = choice?.delta?.content
          if (delta) {
            result.text += delta
            options.onText(result.text)
          }
          if (choice?.finish_reason) result.stopReason = choice.finish_reason
          if (chunk.usage) {
            result.tokensIn = chunk.usage.prompt_tokens
            result.tokensOut = chunk.usage.completion_tokens
          }
        }
        return result
      } catch (error) {
        throw translateOpenAiError(error)
      }
    },
  }
}

export function createOpenAiClient(settings: { apiKey: string | undefined; baseURL?: string | undefined }): OpenAI {
  return new OpenAI({ apiKey: settings.apiKey ?? 'no-key', baseURL: settings.baseURL ?? null, maxRetries: 0, fetch: lateFetch })
}

export function translateOpenAiError(error: unknown): unknown {
  if (error instanceof OpenAI.APIUserAbortError) return error
  if (error instanceof OpenAI.APIConnectionError) return providerNetworkError('openai', error)
  if (error instanceof OpenAI.APIError) {
    const body = error.error as { message?: string } | undefined
    const message = body?.message ?? error.message
    return providerHttpError({ provider: 'openai', status: error.status ?? 500, retryAfterMs: retryAfterMs(error.headers), cause: error }, message)
  }
  return error
}
