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
    const row = rows[index] as IngestRow
    const finished = await waitForDocument(client, id, progress)
    rows[index] = finished ?? row
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

/** Waits until the document and every part it produced (e-mail attachments) are indexed or failed. */
async function waitForDocument(client: DocuQueryClient, id: string, progress: { grow(n: number): void }): Promise<IngestRow | null> {
  let known = 0
  for (;;) {
    const tree = await loadTree(client, id)
    if (!tree) return null
    const all = flatten(tree)
    if (all.length - 1 > known) {
      progress.grow(all.length - 1 - known)
      known = all.length - 1
    }
    if (all.every((row) => row.receipt.status === 'indexed' || row.receipt.status === 'failed')) return tree
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

async function loadTree(client: DocuQueryClient, id: string, depth = 0): Promise<IngestRow | null> {
  let found: { document: DocumentView; parts: DocumentView[] }
  try {
    found = await client.document(id)
  } catch {
    return null
  }
  const parts: IngestRow[] = []
  for (const part of depth < 6 ? found.parts : []) {
    const child = await loadTree(client, part.id, depth + 1)
    if (child) parts.push(child)
  }
  return { receipt: toReceipt(found.document), kind: found.document.kind, parts }
}

function toReceipt(doc: DocumentView): IngestReceipt {
  return { source: doc.source, documentId: doc.id, status: doc.status, error: doc.error, pages: doc.pages, chunks: doc.chunks }
}
