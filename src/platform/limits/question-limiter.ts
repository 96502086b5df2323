/** The questions one asker or one workspace may ask per window; null: no limit. */
export interface WindowLimit {
  questions: number
  windowSeconds: number
}

export interface QuestionLimitSettings {
  perUser: WindowLimit | null
  perWorkspace: WindowLimit | null
}

export interface QuestionLimiterStats extends QuestionLimitSettings {
  /** `redis`: counted for every process together; `memory`: this process only. */
  store: 'redis' | 'memory'
  /** Questions refused since the counters were created (on Redis: by every process). */
  refused: number
}

/**
 * The rate-limit port around asking. Adapters never call it: the core's ask
 * does, so Slack, Discord, the API and the CLI are held to the same limits.
 */
export interface QuestionLimiter {
  /** Counts one question; throws RateLimitedError when the asker or the workspace is over its limit. */
  admit(question: { workspace: string; asker: string | null }): Promise<void>
  stats(): Promise<QuestionLimiterStats>
  close(): Promise<void>
}

export const noQuestionLimits: QuestionLimiter = {
  admit: async () => {},
  stats: async () => ({ perUser: null, perWorkspace: null, store: 'memory', refused: 0 }),
  close: async () => {},
}
