/** The answer contract shared by `ask --json`, `POST /api/ask` and every adapter (DESIGN.md). */
export interface Citation {
  documentId: string
  title: string
  source: string
  page: number | null
  score: number
  snippet: string
  link: string | null
  /** Who shared the document (platform user id or sender), where (channel id) and when (ISO 8601). */
  sharedBy?: string | null
  sharedIn?: string | null
  sharedAt?: string
}

export interface AnswerResult {
  answer: string
  grounded: boolean
  citations: Citation[]
  cached: boolean
  latencyMs: number
  provider: string
  /**
   * This question's id in the query log: what 👍/👎 carry. Absent when nothing
   * was recorded (a workspace nobody shared anything in, or the log failed).
   */
  queryId?: string
}
