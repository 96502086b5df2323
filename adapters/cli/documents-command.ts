import { type DocumentStatus, type DocumentView, sanitizeLabel } from '../../src/index.ts'
import { describeError } from './describe-error.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import { isSkippedAttachment } from './not-a-document.ts'
import type { Output } from './output.ts'
import { renderTable } from './table.ts'

/** One `documents --json` line: the same fields whether the list came from the service or the database. */
export function documentLine(doc: DocumentView) {
  return {
    id: doc.id,
    title: doc.title,
    source: doc.source,
    status: doc.status,
    error: doc.error,
    pages: doc.pages,
    chunks: doc.chunks,
    workspace: doc.workspace,
    visibility: doc.visibility,
    parentId: doc.parentId,
  }
}

/** `docuquery documents [--status S] [--workspace W]`: ids, titles, status and why a document failed. */
export async function documentsCommand(
  client: DocuQueryClient,
  options: { status?: DocumentStatus; workspace?: string; json: boolean },
  out: Output,
): Promise<number> {
  const docs = await client.documents({ ...(options.status ? { status: options.status } : {}), ...(options.workspace ? { workspace: options.workspace } : {}) })
  if (options.json) {
    for (const doc of docs) out.line(JSON.stringify(documentLine(doc)))
    return 0
  }
  if (docs.length === 0) {
    out.line(options.status ? `No ${options.status} documents.` : 'No documents yet: add some with `docuquery ingest <file|folder>`.')
    return 0
  }
  // Titles, sources and messages came from documents: no control character reaches the terminal.
  const rows = docs.map((doc) => [
    doc.id,
    doc.title === doc.source ? sanitizeLabel(doc.title) : `${sanitizeLabel(doc.title)}\n${sanitizeLabel(doc.source)}`,
    isSkippedAttachment(doc) ? 'skipped' : doc.status,
    doc.error ? sanitizeLabel(describeError(doc.error)) : doc.status === 'indexed' ? indexedDetails(doc) : '',
  ])
  out.line(renderTable(['ID', 'Document', 'Status', 'Details'], [38, 26, 11], rows, out))
  out.line(`${docs.length} document${docs.length === 1 ? '' : 's'}`)
  return 0
}

function indexedDetails(doc: DocumentView): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  return [plural(doc.chunks, 'passage'), doc.pages ? plural(doc.pages, 'page') : null].filter(Boolean).join(', ')
}
