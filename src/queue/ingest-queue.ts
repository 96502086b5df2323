/**
 * The ingest queue port. It only carries document ids: the document and its
 * status live in the database, so a lost message is recovered at start-up.
 */
export interface IngestQueue {
  enqueue(documentId: string): Promise<void>
  /** Resolves when nothing is queued or running (in this process). */
  onIdle(): Promise<void>
  /** Stops taking work and waits for running jobs to finish. */
  close(): Promise<void>
}

export type DocumentHandler = (documentId: string) => Promise<void>
