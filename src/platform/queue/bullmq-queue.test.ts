import { afterAll, describe, expect, it } from 'vitest'
import { deleteKeys, testRedisUrl, uniquePrefix } from '../../../tests/helpers/redis-server.ts'
import { silentLogger } from '../log/logger.ts'
import { createBullmqQueue } from './bullmq-queue.ts'
import { ingestQueueContract } from './ingest-queue.contract.ts'

const noHooks = { resubmitUnfinished: async () => 0 }

describe.skipIf(!testRedisUrl)(`BullMQ queue on TEST_REDIS_URL${testRedisUrl ? '' : ' (skipped: TEST_REDIS_URL is not set)'}`, () => {
  const url = testRedisUrl ?? ''
  const prefixes: string[] = []
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeys(url, prefix)
  })
  const prefix = () => {
    const p = uniquePrefix('queue')
    prefixes.push(p)
    return p
  }

  ingestQueueContract(async (handler, options) =>
    createBullmqQueue(handler, { ...options, url, prefix: prefix(), queueName: 'ingest', work: true, logger: silentLogger, hooks: noHooks }),
  )

  it('a web process only enqueues; a worker on the same queue processes', async () => {
    const shared = prefix()
    const done: string[] = []
    const options = { url, prefix: shared, queueName: 'ingest', concurrency: 1, retry: { maxAttempts: 1, baseDelayMs: 0 }, logger: silentLogger, hooks: noHooks }
    const web = createBullmqQueue(async () => {
      throw new Error('a web process must not process')
    }, { ...options, work: false })
    const worker = createBullmqQueue(async (id) => void done.push(id), { ...options, work: true })
    try {
      await web.enqueue('doc-1')
      await web.enqueue('doc-2')
      await worker.onIdle()
      expect(done.sort()).toEqual(['doc-1', 'doc-2'])
    } finally {
      await web.close()
      await worker.close()
    }
  })
})
