import type { AnswerResult } from '../../answer/answer-result.ts'
import type { AskOptions, AskRequest } from '../../answer/ask-request.ts'
import { formatWorkspaceKey, parseWorkspaceKey } from '../../store/workspace-key.ts'
import type { QuestionLimiter } from './question-limiter.ts'
import type { TokenBudget } from './token-budget.ts'

type Ask = (request: AskRequest, options?: AskOptions) => Promise<AnswerResult>

export interface AskLimits {
  limiter: QuestionLimiter
  /** Null without answer models or without DAILY_TOKEN_BUDGET. */
  budget: TokenBudget | null
}

export const budgetSpentNote =
  "This workspace has used today's answer-model budget, so until midnight UTC answers quote the documents' passages directly."

/**
 * Ask behind the limits: rate limits first (a refusal costs nothing), then the
 * day's token budget, which swaps the answer models for extractive answers
 * rather than refusing: people still get the passages, with a note saying why.
 */
export function limitAsk(ask: Ask, askExtractively: Ask, limits: AskLimits): Ask {
  return async (request, options = {}) => {
    // One spelling per workspace, so ` local` and `local` share a counter.
    const workspace = formatWorkspaceKey(parseWorkspaceKey(request.workspace))
    await limits.limiter.admit({ workspace, asker: request.asker ?? null })
    if (limits.budget && (await limits.budget.usage(workspace)).exhausted) {
      const result = await askExtractively(request, options)
      return { ...result, answer: `${budgetSpentNote}\n\n${result.answer}` }
    }
    return await ask(request, options)
  }
}
