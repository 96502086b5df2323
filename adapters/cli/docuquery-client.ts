import type { AnswerResult } from '../../src/answer/answer-result.ts'
import type { DocumentsWait, WaitForDocumentsOptions } from '../../src/core/wait-for-documents.ts'
import type { IngestReceipt } from '../../src/ingest/ingest-request.ts'
import type { JobView } from '../../src/jobs/reindex-jobs.ts'
import type { Stats } from '../../src/stats/collect-stats.ts'

export interface FileToIngest {
  /** The path as the user gave it: the document's source. */
  path: string
  bytes: Uint8Array
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
  ask(question: string, scope: { workspace: string; channel: string | null }): Promise<AnswerResult>
  stats(): Promise<Stats>
  reindex(documentId?: string): Promise<JobView>
  job(id: string): Promise<JobView>
  forget(id: string): Promise<void>
  close(): Promise<void>
}
