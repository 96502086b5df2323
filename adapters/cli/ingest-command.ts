import { readFile } from 'node:fs/promises'
import type { IngestReceipt } from '../../src/ingest/ingest-request.ts'
import type { DocumentView } from '../../src/store/document-view.ts'
import { collectFiles } from './collect-files.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import type { Output } from './output.ts'
import { type IngestRow, renderIngestTable } from './format-ingest.ts'

const POLL_MS = 150

/** `docuquery ingest <file|dir>...`: submit, wait for each document to be indexed or refused, report. */
export async function ingestCommand(
  client: DocuQueryClient,
  inputs: readonly string[],
  options: { workspace: string; channel: string | null; json: boolean },
  out: Output,
): Promise<number> {
  const files = await collectFiles(inputs)
  const progress = out.progress(files.length, 'Indexing')
  const rows: IngestRow[] = []
  const waiting: Array<{ index: number; id: string }> = []
  for (const file of files) {
    if (file.problem) {
      rows.push(refusedRow(file.path, 'invalid_input', file.problem))
      progress.tick()
      continue
    }
    let receipt: IngestReceipt
    try {
      receipt = await client.ingest({ path: file.path, bytes: new Uint8Array(await readFile(file.path)) }, options)
    } catch (error) {
      const err = error as { code?: string; message?: string }
      rows.push(refusedRow(file.path, err.code ?? 'internal', err.message ?? String(error)))
      progress.tick()
      continue
    }
    rows.push({ receipt, kind: null, parts: [] })
    if (receipt.documentId) waiting.push({ index: rows.length - 1, id: receipt.documentId })
    else progress.tick()
  }

  for (const { index, id } of waiting) {
    let parts = 0
    // An e-mail's parts appear while it is read: the bar grows with them.
    const onRead = (documents: readonly DocumentView[]) => {
      if (documents.length - 1 > parts) progress.grow(documents.length - 1 - parts)
      parts = Math.max(parts, documents.length - 1)
    }
    const wait = await client.waitForDocuments([id], { timeoutMs: Number.POSITIVE_INFINITY, parts: true, pollMs: POLL_MS, onRead }).catch(() => null)
    const [document, ...below] = wait?.documents ?? []
    // The document and its parts, depth first: the order flatten() gives.
    if (document) rows[index] = { ...rowOf(document), parts: below.map(rowOf) }
    progress.tick()
  }
  progress.stop()

  const flat = rows.flatMap(flatten)
  if (options.json) for (const row of flat) out.line(JSON.stringify(row.receipt))
  else out.line(renderIngestTable(flat))
  return flat.some((row) => row.receipt.status === 'failed') ? 1 : 0
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

const rowOf = (document: DocumentView): IngestRow => ({ receipt: toReceipt(document), kind: document.kind, parts: [] })

function toReceipt(doc: DocumentView): IngestReceipt {
  return { source: doc.source, documentId: doc.id, status: doc.status, error: doc.error, pages: doc.pages, chunks: doc.chunks }
}
