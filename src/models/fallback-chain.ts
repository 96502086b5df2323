import { performance } from 'node:perf_hooks'
import { AppError, isAppError } from '../platform/app-error.ts'
import type { Logger } from '../platform/log/logger.ts'
import { type AnswerModel, type Generation, type GenerationRequest, modelLabel } from './answer-model.ts'
import { type RetryPolicy, callWithRetries } from './call-with-retries.ts'
import type { CircuitBreaker } from './circuit-breaker.ts'

export interface ChainLink {
  model: AnswerModel
  breaker: CircuitBreaker
}

export interface ProviderFailure {
  /** `<provider>:<model>`. */
  model: string
  code: string
  message: string
  /** The breaker was open: the provider was not called at all. */
  skipped: boolean
}

export interface ChainResult {
  generation: Generation
  model: AnswerModel
  /** Time spent inside provider calls (every attempt of every provider tried). */
  providerMs: number
  /** Providers that failed or were skipped before this one answered. */
  failures: ProviderFailure[]
}

export interface ChainOptions {
  policy: RetryPolicy
  /** A rejected key will not fix itself: its provider is skipped this long. */
  rejectedKeyCooldownMs: number
  logger: Logger
  onFailure?: (failure: ProviderFailure) => void
}

/**
 * Asks the configured models in order until one answers. Retryable failures
 * (429, 5xx, 529, timeouts, network) move on quietly; a rejected key or a
 * bad request also moves on, but is logged as an error every time the
 * breaker opens for it, so it is reported and not hidden or retried forever.
 */
export function createFallbackChain(links: readonly ChainLink[], options: ChainOptions) {
  return {
    labels: (): string[] => links.map((link) => modelLabel(link.model)),

    status: () => links.map((link) => ({ model: modelLabel(link.model), breaker: link.breaker.state })),

    async generate(request: GenerationRequest, hooks: { signal?: AbortSignal; onText?: (text: string) => void } = {}): Promise<ChainResult> {
      const failures: ProviderFailure[] = []
      let providerMs = 0
      for (const link of links) {
        const label = modelLabel(link.model)
        if (!link.breaker.allow()) {
          const failure = { model: label, code: 'provider_unavailable', message: `${label} is skipped for now after repeated failures`, skipped: true }
          failures.push(failure)
          options.onFailure?.(failure)
          continue
        }
        let streamed = false
        const onText = hooks.onText
          ? (text: string) => {
              streamed = true
              hooks.onText?.(text)
            }
          : undefined
        try {
          const generation = await callWithRetries(
            label,
            options.policy,
            async (signal) => {
              const started = performance.now()
              try {
                return await link.model.generate(request, onText ? { signal, onText } : { signal })
              } finally {
                providerMs += performance.now() - started
              }
            },
            {
              ...(hooks.signal ? { signal: hooks.signal } : {}),
              canRetry: () => !streamed,
              onRetry: (error, attempt, delayMs) =>
                options.logger.debug({ model: label, code: error.code, attempt, delayMs }, 'retrying the answer model'),
            },
          )
          link.breaker.succeeded()
          return { generation, model: link.model, providerMs, failures }
        } catch (thrown) {
          if (hooks.signal?.aborted) throw thrown
          const error = isAppError(thrown) ? thrown : new AppError('provider_unavailable', String(thrown), { cause: thrown })
          const failure = { model: label, code: error.code, message: error.message, skipped: false }
          failures.push(failure)
          options.onFailure?.(failure)
          if (error.code === 'unauthorized') {
            link.breaker.failed(options.rejectedKeyCooldownMs)
            options.logger.error({ model: label, err: error }, `${label} rejected the API key; skipping it for ${Math.round(options.rejectedKeyCooldownMs / 1000)} s`)
          } else if (!error.retryable) {
            link.breaker.failed()
            options.logger.error({ model: label, err: error }, `${label} refused the request`)
          } else {
            link.breaker.failed()
            options.logger.warn({ model: label, code: error.code, message: error.message }, `${label} failed; trying the next answer model`)
          }
        }
      }
      throw new AppError('provider_unavailable', 'no answer model is available right now', {
        retryable: true,
        context: { failures },
      })
    },
  }
}

export type FallbackChain = ReturnType<typeof createFallbackChain>
