import Table from 'cli-table3'
import type { IngestReceipt } from '../../src/ingest/ingest-request.ts'
import { sanitizeLabel } from '../../src/text/control-characters.ts'
import { describeError } from './describe-error.ts'

export interface IngestRow {
  receipt: IngestReceipt
  kind: string | null
  parts: IngestRow[]
}

export function renderIngestTable(rows: readonly IngestRow[]): string {
  const table = new Table({ head: ['File', 'Type', 'Pages', 'Chunks', 'Result'], wordWrap: true, colWidths: [null, null, null, null, 50] })
  for (const { receipt, kind } of rows) {
    table.push([
      // File names and error messages (which quote them) reach the terminal without control characters.
      sanitizeLabel(receipt.source),
      kind ?? '—',
      receipt.pages ?? '—',
      receipt.status === 'indexed' ? receipt.chunks : '—',
      receipt.status === 'failed' && receipt.error ? `failed: ${sanitizeLabel(describeError(receipt.error))}` : receipt.status,
    ])
  }
  const indexed = rows.filter((r) => r.receipt.status === 'indexed').length
  const failed = rows.filter((r) => r.receipt.status === 'failed').length
  const summary = `${indexed} indexed, ${failed} failed${rows.length - indexed - failed > 0 ? `, ${rows.length - indexed - failed} pending` : ''}`
  return `${table.toString()}\n${summary}`
}
