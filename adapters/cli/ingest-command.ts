import { readFile } from 'node:fs/promises'
import { type AppError, documentErrorCodes, isAppError } from '../../src/errors/app-error.ts'
import type { DocumentView } from '../../src/store/document-view.ts'
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

/** Waits until the document and every part it produced (e-mail attachments) are indexed or failed. */
async function waitForDocument(client: DocuQueryClient, id: string, progress: Progress): Promise<IngestRow> {
  let known = 0
  for (;;) {
    const tree = await loadTree(client, id)
    const all = flatten(tree)
    if (all.length - 1 > known) {
      progress.grow(all.length - 1 - known)
      known = all.length - 1
    }
    if (all.every((row) => row.receipt.status !== 'pending' && row.receipt.status !== 'processing')) return tree
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

async function loadTree(client: DocuQueryClient, id: string, depth = 0): Promise<IngestRow> {
  const found = await client.document(id)
  const parts: IngestRow[] = []
  for (const part of depth < 6 ? found.parts : []) parts.push(await loadTree(client, part.id, depth + 1))
  return { receipt: toReceipt(found.document), kind: found.document.kind, parts }
}

function toReceipt(doc: DocumentView): IngestRow['receipt'] {
  const status = isSkippedAttachment(doc) ? 'skipped' : doc.status
  return { source: doc.source, documentId: doc.id, status, error: doc.error, pages: doc.pages, chunks: doc.chunks }
}
