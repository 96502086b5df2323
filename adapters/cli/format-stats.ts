import Table from 'cli-table3'
import type { Stats } from '../../src/stats/collect-stats.ts'

export function renderStats(stats: Stats): string {
  const table = new Table()
  const d = stats.documents
  table.push(
    { Documents: `${d.total} (${d.indexed} indexed, ${d.pending + d.processing} in progress, ${d.failed} failed)` },
    { Passages: String(stats.chunks) },
    { Pages: String(stats.pages) },
    { Workspaces: String(stats.workspaces) },
    {
      Questions: `${stats.queries.total} (${stats.queries.grounded} answered from documents)`,
    },
    {
      'Answer time': stats.queries.latencyP50Ms === null ? '—' : `p50 ${stats.queries.latencyP50Ms} ms, p95 ${stats.queries.latencyP95Ms} ms`,
    },
    { 'Embedding model': stats.embeddingModels.join(', ') || '—' },
  )
  if (stats.failures.length > 0) table.push({ 'Failures': stats.failures.map((f) => `${f.code}: ${f.count}`).join(', ') })
  return table.toString()
}
