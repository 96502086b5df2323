import { AppError, documentErrorCodes, type DocumentView, isAppError } from '../../src/index.ts'
import { readFile } from 'node:fs/promises'
import { collectFiles } from './collect-files.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import { type IngestRow, renderIngestTable } from './format-ingest.ts'
import { isSkippedAttachment } from './not-a-document.ts'
import type { Output, Progress } from './output.ts'

const POLL_MS = 150

/** `docuquery ingest <file|dir>...`: submit, wait for each document to be indexed or refused, report. */
export async function ingestCommand(
  client: DocuQueryClient,
  inputs: readonly string[],
  options: { workspace: string; channel: string | null; json: boolean; cwd: string },
  out: Output,
): Promise<number> {
  const files = await collectFiles(inputs, options.cwd)
  const progress = await out.progress(files.length, 'Indexing')
  const rows: IngestRow[] = []
  const waiting: Array<{ index: number; id: string }> = []
  try {
    for (const file of files) {
      if (file.problem) {
        rows.push(refusedRow(file.label, 'invalid_input', file.problem))
        progress.tick()
        continue
      }
      let receipt: IngestRow['receipt']
      try {
        receipt = await client.ingest({ path: file.path, label: file.label, bytes: new Uint8Array(await readFile(file.path)) }, options)
      } catch (error) {
        // This file was refused (too large, unreadable): say why and go on. A service that
        // stopped answering is not this file's fault: that ends the command with its reason.
        if (!isFileRefusal(error)) throw error
        rows.push(refusedRow(file.label, error.code, error.message))
        progress.tick()
        continue
      }
      rows.push({ receipt, kind: null, parts: [] })
      if (receipt.documentId) waiting.push({ index: rows.length - 1, id: receipt.documentId })
      else progress.tick()
    }
    // The table shows what the service finally recorded, so a row is never reported pending once it is done.
    for (const { index, id } of waiting) {
      rows[index] = await waitForDocument(client, id, progress)
      progress.tick()
    }
  } finally {
    progress.stop()
  }

  const flat = rows.flatMap(flatten)
  if (options.json) for (const row of flat) out.line(JSON.stringify(row.receipt))
  else out.line(renderIngestTable(flat, out))
  return flat.some((row) => row.receipt.status === 'failed') ? 1 : 0
}

function isFileRefusal(error: unknown): error is AppError {
  return isAppError(error) && (documentErrorCodes.has(error.code) || error.code === 'invalid_input')
}

function flatten(row: IngestRow): IngestRow[] {
  return [row, ...row.parts.flatMap(flatten)]
}

function refusedRow(source: string, code: string, message: string): IngestRow {
  return {
    receipt: { source, documentId: null, status: 'failed', error: { code, message }, pages: null, chunks: 0 },
    kind: null,
    parts: [],
  }
}

/** Waits (the core's waitForDocuments) until the document and every part it produced (e-mail attachments) are indexed or failed. */
async function waitForDocument(client: DocuQueryClient, id: string, progress: Progress): Promise<IngestRow> {
  let parts = 0
  // An e-mail's parts appear while it is read: the bar grows with them.
  const onRead = (documents: readonly DocumentView[]) => {
    if (documents.length - 1 > parts) progress.grow(documents.length - 1 - parts)
    parts = Math.max(parts, documents.length - 1)
  }
  const wait = await client.waitForDocuments([id], { timeoutMs: Number.POSITIVE_INFINITY, parts: true, pollMs: POLL_MS, onRead })
  const [document, ...below] = wait.documents
  if (!document) throw new AppError('not_found', `document ${id} is gone`)
  // The document and its parts, depth first: the order flatten() gives.
  return { ...rowOf(document), parts: below.map(rowOf) }
}

const rowOf = (document: DocumentView): IngestRow => ({ receipt: toReceipt(document), kind: document.kind, parts: [] })

function toReceipt(doc: DocumentView): IngestRow['receipt'] {
  const status = isSkippedAttachment(doc) ? 'skipped' : doc.status
  return { source: doc.source, documentId: doc.id, status, error: doc.error, pages: doc.pages, chunks: doc.chunks }
}
