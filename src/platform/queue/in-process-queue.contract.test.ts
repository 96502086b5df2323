import { describe } from 'vitest'
import { createInProcessQueue } from './in-process-queue.ts'
import { ingestQueueContract } from './ingest-queue.contract.ts'

describe('in-process queue', () => {
  ingestQueueContract(async (handler, options) => createInProcessQueue(handler, { ...options, onError: () => {} }))
})
