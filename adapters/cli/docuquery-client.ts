import type { AnswerResult, DocumentStatus, DocumentsWait, DocumentView, FeedbackItem, IngestReceipt, JobView, Stats, WaitForDocumentsOptions } from '../../src/index.ts'

export interface FileToIngest {
  /** The full path: the document's identity, so a changed file replaces its earlier version. */
  path: string
  /** What people see as the source: relative to the folder given, or the file's name. */
  label: string
  bytes: Uint8Array
}

export interface DocumentListFilter {
  workspace?: string
  status?: DocumentStatus
}

/**
 * What the CLI needs, with two implementations: the core in this process, or
 * the running service's admin API (PGlite admits one process). The output is
 * the same either way.
 */
export interface DocuQueryClient {
  readonly mode: 'local' | 'service'
  ingest(file: FileToIngest, scope: { workspace: string; channel: string | null }): Promise<IngestReceipt>
  /** The core's waitForDocuments: until the documents (and their parts) are indexed or failed. */
  waitForDocuments(ids: readonly string[], options: WaitForDocumentsOptions): Promise<DocumentsWait>
  document(id: string): Promise<{ document: DocumentView; parts: DocumentView[] }>
  documents(filter: DocumentListFilter): Promise<DocumentView[]>
  ask(question: string, scope: { workspace: string; channel: string | null }): Promise<AnswerResult>
  stats(): Promise<Stats>
  reindex(documentId?: string): Promise<JobView>
  job(id: string): Promise<JobView>
  forget(id: string): Promise<void>
  /** Answers marked not helpful since `since` ("7d", "12h", a date). */
  feedback(filter: { since: string; workspace?: string }): Promise<FeedbackItem[]>
  close(): Promise<void>
}
