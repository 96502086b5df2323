import type { DocumentStatus } from '../store/db/schema.ts'

export type DocumentSource = 'cli' | 'api' | 'slack' | 'discord' | 'email'

export interface IngestRequest {
  /** Workspace key (`local`, `slack:T0123`, ...). */
  workspace: string
  /** The one channel that may see it, or null for the whole workspace. */
  visibleIn: string | null
  /** Where it was shared (for links), whatever its visibility. */
  sharedIn?: string | null
  bytes: Uint8Array
  filename: string
  mimeType?: string
  source: DocumentSource
  /** Stable identity of the source (path, platform file id): a new version replaces the old one. */
  sourceRef: string
  /** What people see as the source; defaults to sourceRef. */
  sourceLabel?: string
  link?: string | null
  sharedBy?: string | null
  parentId?: string | null
  title?: string
  /**
   * The source reference alone identifies the content (an e-mail's Message-ID):
   * another copy under it is a duplicate, not a new version.
   */
  sourceIsIdentity?: boolean
  /** What the door proved about an e-mail's sender (EMAIL_REQUIRE_AUTH); kept with the document. */
  verifiedSender?: { domain: string; method: 'dkim' | 'dmarc' }
}

/** One line of `ingest --json` and one element of `POST /api/documents` (DESIGN.md). */
export interface IngestReceipt {
  source: string
  documentId: string | null
  status: DocumentStatus
  error: { code: string; message: string } | null
  pages: number | null
  chunks: number
  /** The same bytes were already in this scope. */
  duplicate?: boolean
  /** A new version of an earlier document (same source) replaced it. */
  replaced?: boolean
}
