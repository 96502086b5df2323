import { ANSWER_PROMPT_VERSION, NOT_IN_DOCUMENTS, renderAnswerPrompt } from '../../prompts/answer-prompt.ts'
import type { ConversationTurn } from './ask-request.ts'
import { isAppError } from '../platform/app-error.ts'
import { modelLabel } from '../models/answer-model.ts'
import type { FallbackChain, ProviderFailure } from '../models/fallback-chain.ts'
import type { Logger } from '../platform/log/logger.ts'
import type { Citation } from './answer-result.ts'
import { checkCitations, renumberCitations } from './check-citations.ts'
import { fitToBudget } from './context-budget.ts'
import { toCitation } from './extractive-answerer.ts'
import type { GatedChunk } from './relevance-gate.ts'

/** Turns of a thread sent with a follow-up question. */
export const MAX_HISTORY_TURNS = 4

export interface GenerativeSettings {
  chain: FallbackChain
  maxAnswerTokens: number
  contextTokenBudget: number
  logger: Logger
}

export type GenerativeOutcome =
  | {
      kind: 'answered' | 'not_in_documents'
      answer: string
      citations: Citation[]
      citedChunkIds: number[]
      provider: string
      model: string
      promptVersion: string
      tokensIn: number | null
      tokensOut: number | null
      providerMs: number
    }
  /** The caller answers extractively; `reason` says why, for the log and the note to the user. */
  | { kind: 'fallback'; reason: 'unavailable' | 'uncited'; detail: string; failures: ProviderFailure[]; providerMs: number; tokensIn: number | null; tokensOut: number | null }

/**
 * Writes the answer with the configured models: passages within the token
 * budget go into the versioned prompt, the fallback chain generates, and the
 * citation check decides whether the text can be shown as it is.
 */
export function createGenerativeAnswerer(settings: GenerativeSettings) {
  return {
    /** The models in fallback order (`provider:model`): part of the answer-cache key. */
    providerChain: settings.chain.labels(),
    promptVersion: ANSWER_PROMPT_VERSION,
    /** Each model and its circuit breaker (`closed`, `open`, `half-open`), for stats. */
    status: () => settings.chain.status(),
    generate,
  }

  async function generate(
    question: string,
    passages: readonly GatedChunk[],
    history: readonly ConversationTurn[],
    hooks: { onText?: (text: string) => void; signal?: AbortSignal } = {},
  ): Promise<GenerativeOutcome> {
    const given = fitToBudget(passages, settings.contextTokenBudget)
    const prompt = renderAnswerPrompt({
      question,
      // The last few turns carry the thread's context; a long thread would eat the budget.
      history: history.slice(-MAX_HISTORY_TURNS),
      passages: given.map((p, i) => ({ number: i + 1, title: p.title, page: p.page, source: p.source, text: p.text })),
    })
    const onText = hooks.onText
    let result: Awaited<ReturnType<FallbackChain['generate']>>
    try {
      result = await settings.chain.generate(
        { system: prompt.system, messages: prompt.messages, maxTokens: settings.maxAnswerTokens },
        {
          ...(hooks.signal ? { signal: hooks.signal } : {}),
          // The numbers shown while streaming are the final ones: renumbering is stable as text grows.
          ...(onText ? { onText: (text: string) => onText(renumberCitations(text, given.length).text) } : {}),
        },
      )
    } catch (error) {
      if (!isAppError(error) || error.code !== 'provider_unavailable') throw error
      const failures = (error.context.failures as ProviderFailure[] | undefined) ?? []
      return { kind: 'fallback', reason: 'unavailable', detail: error.message, failures, providerMs: 0, tokensIn: null, tokensOut: null }
    }
    const { generation, model } = result
    const base = {
      provider: modelLabel(model),
      model: model.model,
      promptVersion: prompt.version,
      tokensIn: generation.tokensIn,
      tokensOut: generation.tokensOut,
      providerMs: result.providerMs,
    }
    const check = checkCitations(generation.text, given.length)
    if (check.kind === 'not_in_documents') {
      return { kind: 'not_in_documents', answer: NOT_IN_DOCUMENTS, citations: [], citedChunkIds: [], ...base }
    }
    if (check.kind === 'invalid') {
      settings.logger.warn({ model: base.provider, reason: check.reason }, 'generated answer failed the citation check; answering extractively')
      return { kind: 'fallback', reason: 'uncited', detail: check.reason, failures: result.failures, providerMs: base.providerMs, tokensIn: base.tokensIn, tokensOut: base.tokensOut }
    }
    if (check.repaired) settings.logger.info({ model: base.provider }, 'removed citations of passages that were not given')
    const cited = check.cited.map((n) => given[n - 1]!)
    return {
      kind: 'answered',
      answer: check.text,
      citations: cited.map((chunk) => toCitation(chunk)),
      citedChunkIds: cited.map((chunk) => chunk.chunkId),
      ...base,
    }
  }
}

export type GenerativeAnswerer = ReturnType<typeof createGenerativeAnswerer>
