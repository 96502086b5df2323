/** Longer questions are refused (invalid_input): no one asks a colleague in 2,000 characters. */
export const MAX_QUESTION_CHARS = 2000

export interface AskRequest {
  question: string
  /** Workspace key; `local` by default. */
  workspace: string
  /** Channel asked from; null means a public place (workspace-visible documents only). */
  channel: string | null
  asker?: string | null
  /**
   * Earlier turns of the same conversation (a Slack or Discord thread), oldest
   * first. Adapters keep them in the database; answer models see them as context.
   */
  history?: ConversationTurn[]
}

export interface ConversationTurn {
  question: string
  answer: string
}

export interface AskOptions {
  /**
   * Called with the answer text so far while a streaming model generates it,
   * at most a few times a second; never called for extractive or cached answers.
   * The final result still comes from the returned promise.
   */
  onText?: (textSoFar: string) => void
  signal?: AbortSignal
  /** Where the time went (the bench reports the gateway's own share). */
  onTimings?: (timings: AskTimings) => void
}

export interface AskTimings {
  retrievalMs: number
  /** Inside answer-model calls, every attempt and fallback included. */
  providerMs: number
  totalMs: number
}
