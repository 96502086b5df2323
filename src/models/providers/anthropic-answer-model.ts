import Anthropic from '@anthropic-ai/sdk'
import type { AnswerModel, Generation, GenerationOptions, GenerationRequest } from '../answer-model.ts'
import { providerHttpError, providerNetworkError } from '../provider-error.ts'
import { retryAfterMs } from '../retry-after.ts'
import { lateFetch } from './late-fetch.ts'

export interface AnthropicSettings {
  apiKey: string
  baseURL?: string | undefined
  model: string
}

/** Claude through the official SDK; its own retries are off (call-with-retries decides). */
export function createAnthropicAnswerModel(settings: AnthropicSettings): AnswerModel {
  const client = new Anthropic({ apiKey: settings.apiKey, baseURL: settings.baseURL ?? null, maxRetries: 0, fetch: lateFetch })
  return {
    provider: 'anthropic',
    model: settings.model,
    async generate(request: GenerationRequest, options: GenerationOptions): Promise<Generation> {
      const params = { model: settings.model, max_tokens: request.maxTokens, system: request.system, messages: request.messages }
      try {
        if (!options.onText) {
          const message = await client.messages.create(params, { signal: options.signal })
          const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('')
          return { text, tokensIn: message.usage.input_tokens, tokensOut: message.usage.output_tokens, stopReason: message.stop_reason }
        }
        const stream = await client.messages.create({ ...params, stream: true }, { signal: options.signal })
        const result: Generation = { text: '', tokensIn: null, tokensOut: null, stopReason: null }
        for await (const event of stream) {
          if (event.type === 'message_start') result.tokensIn = event.message.usage.input_tokens
          else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            result.text += event.delta.text
            options.onText(result.text)
          } else if (event.type === 'message_delta') {
            result.tokensOut = event.usage.output_tokens
            result.stopReason = event.delta.stop_reason
          }
        }
        return result
      } catch (error) {
        throw translateAnthropicError(error)
      }
    },
  }
}

function translateAnthropicError(error: unknown): unknown {
  if (error instanceof Anthropic.APIUserAbortError) return error
  if (error instanceof Anthropic.APIConnectionError) return providerNetworkError('anthropic', error)
  if (error instanceof Anthropic.APIError) {
    // An `error` event in the middle of a stream has no HTTP status: Anthropic sends overloaded_error that way.
    const body = error.error as { error?: { type?: string; message?: string } } | undefined
    const message = body?.error?.message ?? error.message
    const status = error.status ?? (body?.error?.type === 'overloaded_error' ? 529 : 500)
    return providerHttpError({ provider: 'anthropic', status, retryAfterMs: retryAfterMs(error.headers), cause: error }, message)
  }
  return error
}
