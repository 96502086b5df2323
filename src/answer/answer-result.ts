/** The answer contract shared by `ask --json`, `POST /api/ask` and every adapter (DESIGN.md). */
export interface Citation {
  documentId: string
  title: string
  source: string
  page: number | null
  score: number
  snippet: string
  link: string | null
}

export interface AnswerResult {
  answer: string
  grounded: boolean
  citations: Citation[]
  cached: boolean
  latencyMs: number
  provider: string
}
