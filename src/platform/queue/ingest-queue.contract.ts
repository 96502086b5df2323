import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentHandler, IngestQueue, JobAttempt, RetryPolicy } from './ingest-queue.ts'

export type MakeQueue = (handler: DocumentHandler, options: { concurrency: number; retry: RetryPolicy }) => Promise<IngestQueue>

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms))

/** The behaviour every IngestQueue implementation shares; each implementation's test runs it. */
export function ingestQueueContract(make: MakeQueue): void {
  const opened: IngestQueue[] = []
  const open: MakeQueue = async (handler, options) => {
    const queue = await make(handler, options)
    opened.push(queue)
    return queue
  }
  afterEach(async () => {
    for (const queue of opened.splice(0)) await queue.close()
  })
  const once = { maxAttempts: 1, baseDelayMs: 0 }

  describe('ingest queue contract', () => {
    it('runs each document once however often it is enqueued while waiting, within its concurrency', async () => {
      let active = 0
      let peak = 0
      const done: string[] = []
      const queue = await open(
        async (id) => {
          active++
          peak = Math.max(peak, active)
          await tick(50)
          active--
          done.push(id)
        },
        { concurrency: 2, retry: once },
      )
      for (const id of ['doc-a', 'doc-b', 'doc-c', 'doc-a', 'doc-d', 'doc-e', 'doc-b']) await queue.enqueue(id)
      await queue.onIdle()
      expect(done.sort()).toEqual(['doc-a', 'doc-b', 'doc-c', 'doc-d', 'doc-e'])
      expect(peak).toBeGreaterThan(0)
      expect(peak).toBeLessThanOrEqual(2)
    })

    it('runs a finished document again when it is enqueued again (reindex)', async () => {
      const done: string[] = []
      const queue = await open(async (id) => void done.push(id), { concurrency: 1, retry: once })
      await queue.enqueue('doc-a')
      await queue.onIdle()
      await queue.enqueue('doc-a')
      await queue.onIdle()
      expect(done).toEqual(['doc-a', 'doc-a'])
    })

    it('retries a document whose handler asks for it, with its attempt number, until the final attempt', async () => {
      const seen: Record<string, JobAttempt[]> = {}
      const queue = await open(
        async (id, attempt) => {
          seen[id] = [...(seen[id] ?? []), attempt]
          if (id === 'doc-flaky') return attempt.attempt === 1 ? 'retry' : 'done'
          return id === 'doc-broken' ? 'retry' : 'done'
        },
        { concurrency: 2, retry: { maxAttempts: 3, baseDelayMs: 10 } },
      )
      await queue.enqueue('doc-flaky')
      await queue.enqueue('doc-broken')
      await queue.enqueue('doc-fine')
      await queue.onIdle()
      expect(seen['doc-fine']).toEqual([{ attempt: 1, finalAttempt: false }])
      expect(seen['doc-flaky']).toEqual([
        { attempt: 1, finalAttempt: false },
        { attempt: 2, finalAttempt: false },
      ])
      expect(seen['doc-broken']).toEqual([
        { attempt: 1, finalAttempt: false },
        { attempt: 2, finalAttempt: false },
        { attempt: 3, finalAttempt: true },
      ])
    })

    it('close() lets the running document finish', async () => {
      const done: string[] = []
      let started = () => {}
      const running = new Promise<void>((resolve) => {
        started = resolve
      })
      const queue = await open(
        async (id) => {
          started()
          await tick(100)
          done.push(id)
        },
        { concurrency: 1, retry: once },
      )
      await queue.enqueue('doc-first')
      await running
      await queue.close()
      expect(done).toEqual(['doc-first'])
    })
  })
}
