import { type IngestReceipt, sanitizeLabel } from '../../src/index.ts'
import { describeError } from './describe-error.ts'
import { type TableStyle, renderTable } from './table.ts'

/** What ingest reports for one document: the server's receipt, or `skipped` for an attachment that is not a document. */
export type ReportedStatus = IngestReceipt['status'] | 'skipped'

export interface IngestRow {
  receipt: Omit<IngestReceipt, 'status'> & { status: ReportedStatus }
  kind: string | null
  parts: IngestRow[]
}

export function renderIngestTable(rows: readonly IngestRow[], style: TableStyle): string {
  const lines = rows.map(({ receipt, kind }) => [
    // File names and error messages (which quote them) reach the terminal without control characters.
    sanitizeLabel(receipt.source),
    kind ?? '—',
    receipt.pages ?? '—',
    receipt.status === 'indexed' ? receipt.chunks : '—',
    (receipt.status === 'failed' || receipt.status === 'skipped') && receipt.error ? `${receipt.status}: ${sanitizeLabel(describeError(receipt.error))}` : receipt.status,
  ])
  return `${renderTable(['File', 'Type', 'Pages', 'Chunks', 'Result'], [32, 10, 7, 8], lines, style)}\n${summarize(rows)}`
}

/** "3 indexed, 2 skipped (not documents), 1 failed": every row counted once, as the server counts them. */
export function summarize(rows: readonly IngestRow[]): string {
  const count = (status: ReportedStatus) => rows.filter((r) => r.receipt.status === status).length
  const parts = [`${count('indexed')} indexed`]
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped (not documents)`)
  parts.push(`${count('failed')} failed`)
  const unfinished = count('pending') + count('processing')
  if (unfinished > 0) parts.push(`${unfinished} still being indexed`)
  return parts.join(', ')
}
