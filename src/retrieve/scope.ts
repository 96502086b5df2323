/** Where a question is asked from; retrieval may only see what this scope allows. */
export interface Scope {
  workspaceId: string
  /** The channel asked from, or null for a public place (workspace-visible documents only). */
  channel: string | null
}
