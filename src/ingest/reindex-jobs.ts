import { eq, inArray, sql } from 'drizzle-orm'
import type { Orm } from '../store/db/database.ts'
import { documents, jobs } from '../store/db/schema.ts'
import { AppError } from '../platform/app-error.ts'
import type { IngestQueue } from '../platform/queue/ingest-queue.ts'
import { type DocumentStore, isUuid } from '../store/document-store.ts'

export interface JobView {
  id: string
  kind: string
  status: 'queued' | 'running' | 'done' | 'failed'
  total: number
  done: number
  failed: number
  createdAt: string
  finishedAt: string | null
}

/**
 * Reindexing re-parses stored bytes, so it needs no platform access. Each
 * document keeps its old chunks until its new ones are in, so questions are
 * answered throughout. Progress is read from the documents themselves.
 */
export function createReindexJobs(orm: Orm, store: DocumentStore, queue: IngestQueue) {
  return {
    async start(documentId?: string): Promise<JobView> {
      const ids = documentId ? [documentId] : await store.allIds()
      if (documentId && !(await store.get(documentId))) throw new AppError('not_found', `no document with id ${documentId}`)
      const [job] = await orm
        .insert(jobs)
        .values({ kind: 'reindex', status: ids.length === 0 ? 'done' : 'running', total: ids.length, params: { documentIds: ids } })
        .returning({ id: jobs.id })
      if (!job) throw new Error('job insert returned no row')
      await store.markPending(ids)
      for (const id of ids) await queue.enqueue(id)
      return await this.get(job.id)
    },

    async get(id: string): Promise<JobView> {
      if (!isUuid(id)) throw new AppError('not_found', `no job with id ${id}`)
      const [job] = await orm.select().from(jobs).where(eq(jobs.id, id))
      if (!job) throw new AppError('not_found', `no job with id ${id}`)
      const ids = Array.isArray(job.params.documentIds) ? (job.params.documentIds as string[]) : []
      let done = job.done
      let failed = job.failed
      let status = job.status
      let finishedAt = job.finishedAt
      if (status === 'running' && ids.length > 0) {
        const rows = await orm
          .select({ status: documents.status, n: sql<number>`count(*)` })
          .from(documents)
          .where(inArray(documents.id, ids))
          .groupBy(documents.status)
        const count = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0)
        failed = count('failed')
        // Documents deleted during the job count as finished.
        done = ids.length - count('pending') - count('processing')
        if (done >= ids.length) {
          status = 'done'
          finishedAt = new Date()
          await orm.update(jobs).set({ status, done, failed, finishedAt, updatedAt: finishedAt }).where(eq(jobs.id, id))
        }
      }
      return {
        id: job.id,
        kind: job.kind,
        status,
        total: job.total,
        done,
        failed,
        createdAt: job.createdAt.toISOString(),
        finishedAt: finishedAt ? finishedAt.toISOString() : null,
      }
    },
  }
}

export type ReindexJobs = ReturnType<typeof createReindexJobs>
