/**
 * The answer-model port: one chat completion, optionally streamed. Each
 * provider adapter (src/models/providers/) turns its SDK's errors into AppErrors
 * (see provider-error.ts) so that retries and fallback read codes, not SDKs.
 */
export interface AnswerModel {
  /** `anthropic`, `openai`, `gemini`. */
  readonly provider: string
  readonly model: string
  generate(request: GenerationRequest, options: GenerationOptions): Promise<Generation>
}

export interface GenerationRequest {
  /** Instructions only; never document text (see prompts/). */
  system: string
  messages: ChatMessage[]
  maxTokens: number
}

export interface ChatMessage {
  role: 'user' | 'assistant'
  content: string
}

export interface GenerationOptions {
  /** Aborts the call (timeout or the caller giving up). */
  signal: AbortSignal
  /** When set, the model streams and this receives the text so far after each delta. */
  onText?: (textSoFar: string) => void
}

export interface Generation {
  text: string
  tokensIn: number | null
  tokensOut: number | null
  /** Why generation stopped, in the provider's words (`end_turn`, `stop`, `max_tokens`...). */
  stopReason: string | null
}

/** `<provider>:<model>`, the form used in answers, the queries table and cache keys. */
export const modelLabel = (model: Pick<AnswerModel, 'provider' | 'model'>): string => `${model.provider}:${model.model}`
