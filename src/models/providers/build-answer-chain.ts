import type { Config } from '../../platform/config/config-schema.ts'
import { answerProviderOrder } from '../../platform/config/provider-settings.ts'
import type { AnswerModel } from '../answer-model.ts'
import type { RetryPolicy } from '../call-with-retries.ts'
import { createCircuitBreaker } from '../circuit-breaker.ts'
import { type FallbackChain, type ProviderFailure, createFallbackChain } from '../fallback-chain.ts'
import type { Logger } from '../../platform/log/logger.ts'
import { createAnthropicAnswerModel } from './anthropic-answer-model.ts'
import { createGeminiAnswerModel } from './gemini-answer-model.ts'
import { createOpenAiAnswerModel } from './openai-answer-model.ts'

/** The answer models the config asks for, in order; null when none (extractive answers). */
export function buildAnswerChain(config: Config, logger: Logger, onFailure?: (failure: ProviderFailure) => void): FallbackChain | null {
  const models = answerProviderOrder(config).map((provider): AnswerModel => {
    switch (provider) {
      case 'anthropic':
        return createAnthropicAnswerModel({ apiKey: config.ANTHROPIC_API_KEY ?? '', baseURL: config.ANTHROPIC_BASE_URL, model: config.ANTHROPIC_MODEL })
      case 'openai':
        return createOpenAiAnswerModel({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL })
      case 'gemini':
        return createGeminiAnswerModel({ apiKey: config.GEMINI_API_KEY ?? '', baseURL: config.GEMINI_BASE_URL, model: config.GEMINI_MODEL })
    }
  })
  if (models.length === 0) return null
  const links = models.map((model) => ({
    model,
    breaker: createCircuitBreaker({ failureThreshold: config.LLM_BREAKER_FAILURES, cooldownMs: config.LLM_BREAKER_COOLDOWN_MS }),
  }))
  return createFallbackChain(links, {
    policy: answerRetryPolicy(config),
    // Ten cooldowns: long enough not to hammer a provider with a bad key, short enough to notice a fixed one.
    rejectedKeyCooldownMs: config.LLM_BREAKER_COOLDOWN_MS * 10,
    logger,
    ...(onFailure ? { onFailure } : {}),
  })
}

/**
 * Questions are waited on by people: one quick retry, and a provider that
 * asks for a long wait or times out hands over to the next one.
 */
export function answerRetryPolicy(config: Config): RetryPolicy {
  return {
    retries: config.LLM_RETRIES,
    baseDelayMs: 250,
    maxDelayMs: 2_000,
    maxRetryAfterMs: config.LLM_MAX_RETRY_AFTER_MS,
    timeoutMs: config.LLM_TIMEOUT_MS,
    retryTimeouts: false,
  }
}
