import { type JobView, sanitizeLabel } from '../../src/index.ts'
import type { DocuQueryClient } from './docuquery-client.ts'
import { renderAnswer } from './format-answer.ts'
import { renderStats } from './format-stats.ts'
import type { Output } from './output.ts'
import { resolveDocument } from './resolve-document.ts'

export async function askCommand(
  client: DocuQueryClient,
  question: string,
  options: { workspace: string; channel: string | null; json: boolean },
  out: Output,
): Promise<number> {
  const result = await client.ask(question, options)
  out.line(options.json ? JSON.stringify(result) : renderAnswer(result))
  return 0
}

export async function statsCommand(client: DocuQueryClient, options: { json: boolean }, out: Output): Promise<number> {
  const stats = await client.stats()
  out.line(options.json ? JSON.stringify(stats) : renderStats(stats, out))
  return 0
}

export async function reindexCommand(
  client: DocuQueryClient,
  options: { document?: string; json: boolean },
  out: Output,
): Promise<number> {
  const documentId = options.document === undefined ? undefined : await resolveDocument(client, options.document)
  let job: JobView = await client.reindex(documentId)
  const progress = await out.progress(job.total, 'Reindexing')
  let shown = 0
  while (job.status === 'queued' || job.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 200))
    job = await client.job(job.id)
    for (; shown < job.done; shown++) progress.tick()
  }
  progress.stop()
  if (options.json) out.line(JSON.stringify(job))
  else out.line(`Reindexed ${job.done - job.failed} of ${job.total} documents${job.failed > 0 ? ` (${job.failed} failed)` : ''}.`)
  return job.failed > 0 ? 1 : 0
}

export async function forgetCommand(client: DocuQueryClient, reference: string, options: { json: boolean }, out: Output): Promise<number> {
  const id = await resolveDocument(client, reference)
  const { document } = await client.document(id)
  await client.forget(id)
  out.line(options.json ? JSON.stringify({ deleted: id }) : `Forgot ${sanitizeLabel(document.source)} (${id}) and its parts.`)
  return 0
}
