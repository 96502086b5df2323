import type { DocumentStatus } from './db/schema.ts'

/** A document as the CLI, the admin API and the adapters show it. */
export interface DocumentView {
  id: string
  title: string
  /** Where people see it came from: a path, a file name, `message.eml › part.pdf`. */
  source: string
  /** Which door it came through: cli, api, slack, discord, email. */
  origin: string
  attempts: number
  metadata: Record<string, unknown>
  status: DocumentStatus
  error: { code: string; message: string } | null
  pages: number | null
  chunks: number
  workspace: string
  visibility: string
  channel: string | null
  parentId: string | null
  kind: string | null
  mimeType: string | null
  byteSize: number
  sha256: string
  link: string | null
  sharedBy: string | null
  embeddingModel: string | null
  createdAt: string
  updatedAt: string
  indexedAt: string | null
}
