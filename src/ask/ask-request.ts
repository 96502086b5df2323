export interface AskRequest {
  question: string
  /** Workspace key; `local` by default. */
  workspace: string
  /** Channel asked from; null means a public place (workspace-visible documents only). */
  channel: string | null
  asker?: string | null
}
